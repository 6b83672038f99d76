// The one way the page builds elements: createElement and textContent, never parsed markup.

/**
 * Creates `<tag>`. `props` keys: `class` (string), `text` (textContent), `data` (dataset entries), `on` (event
 * listeners); any other key is set as an attribute (skipped when null, undefined or false; `true` sets it empty).
 * `children` are nodes, strings or arrays of them (nested arrays are flattened; null and undefined are skipped).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'data') Object.assign(node.dataset, value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** Reads a CSS custom property as seen by `node` (colours follow the light/dark scheme). */
export function cssVar(node, name) {
  return getComputedStyle(node).getPropertyValue(name).trim();
}

/** The element with `data-testid="id"`. */
export function byTest(id) {
  return document.querySelector(`[data-testid="${id}"]`);
}

/** Replaces `select`'s options by `entries` ([value, text] pairs) unless they are the same; selects `value`. */
export function fillSelect(select, entries, value) {
  const same = select.options.length === entries.length
    && entries.every(([v, t], i) => select.options[i].value === v && select.options[i].textContent === t);
  if (!same) select.replaceChildren(...entries.map(([v, t]) => el('option', { value: v, text: t })));
  select.value = value;
}

/** Selects `value` in `select`, adding it as an option first when it is not in the list (a link's own value). */
export function setSelect(select, value) {
  if (value === undefined || value === null) return;
  const text = String(value);
  let option = Array.from(select.options).find((o) => o.value === text || Number(o.value) === Number(text));
  if (!option) {
    option = el('option', { value: text, text });
    select.append(option);
  }
  select.value = option.value;
}
