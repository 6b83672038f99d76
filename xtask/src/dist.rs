//! `cargo xtask dist`: the production folder, ready for any static host and any sub-path.
//!
//! What it holds, all in one flat folder with relative URLs:
//! - `index.html` and `embed.html`, comments dropped and whitespace collapsed, each naming its own bundle;
//! - the JS bundled and minified by esbuild (one entry per page, shared code in chunks, the evidence panel
//!   still loaded on demand), the CSS merged into a few bundles (`STYLE_BUNDLES`) and minified, and every
//!   file but the two pages named by its content (`name-HASH.ext`) so a host may cache them for ever;
//! - the wasm module, preloaded by both pages.
//!
//! The sources are staged first with the hashed names of the stylesheets, the icon and the wasm written into
//! the scripts that load them at run time, so esbuild's own content hashes cover the final text.

use crate::setup;
use crate::{cmd, web};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pages of the folder and the module each one starts.
pub const PAGES: [(&str, &str); 2] = [("index.html", "main.js"), ("embed.html", "embed.js")];

/// Stylesheets merged into one file each, their sources in cascade order: `base` is what both pages need
/// for their first picture (and the main page's dialogs), `panels` the evidence panel (the main page loads
/// it on demand) and the widget's own rules (scoped to `.embed`, `.hide-*`). One file costs less than
/// several (one request, one gzip stream). A page links a bundle once, where it linked its first source; a
/// script that loads any source loads its bundle. A stylesheet of `www/` in no bundle stays a file of its own.
pub const STYLE_BUNDLES: [(&str, &[&str]); 2] = [
    ("base.css", &["style.css", "explorer.css", "publish.css"]),
    ("panels.css", &["evidence.css", "embed.css"]),
];

/// The gzip -9 size the whole payload (every file of the folder) should reach, in bytes.
pub const GOAL_GZIP: u64 = 170 * 1024;
/// The gzip -9 ceiling the e2e test holds the payload to (tests/e2e/dist.test.mjs): today's weight and 2 KB
/// of room. The wasm core is about 114 KB of it.
pub const CEILING_GZIP: u64 = 196 * 1024;

/// One file of the folder and its size, raw and gzip -9.
#[derive(Debug, Clone)]
pub struct Sized {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
}

/// `cargo xtask dist [--out DIR]`: build the page, then the production folder, then print its payload.
pub fn run(out: Option<PathBuf>) -> Result<(), String> {
    let root = crate::root();
    let tools = setup::web_tools(&root)?;
    web::build(&root, &tools)?;
    let out = out.unwrap_or_else(|| web::target_dir(&root).join("dist"));
    let out = if out.is_absolute() {
        out
    } else {
        std::env::current_dir()
            .map_err(|e| format!("reading the current folder: {e}"))?
            .join(out)
    };
    let files = build(&root, &out)?;
    print_payload(&files);
    println!(
        "\nThe folder {} is the whole site: copy it to any static host (README: Publish it).",
        out.display()
    );
    Ok(())
}

/// Builds the folder `out` from `www/` (which must hold a fresh `pkg/`); returns its files with sizes.
pub fn build(root: &Path, out: &Path) -> Result<Vec<Sized>, String> {
    let www = root.join("www");
    let wasm = www.join("pkg").join(format!("{}_bg.wasm", web::ARTIFACT));
    if !wasm.exists() {
        return Err(format!(
            "{} is missing: build the page first (cargo xtask build)",
            wasm.display()
        ));
    }
    cmd::step(&format!("production folder: {}", out.display()));
    clear(out)?;

    let staging = web::target_dir(root).join("dist-staging");
    clear(&staging)?;

    // Files loaded by name (stylesheets, the icon, the wasm), copied under content-hashed names.
    let mut assets: BTreeMap<String, String> = BTreeMap::new();
    let mut plain: Vec<PathBuf> = std::fs::read_dir(&www)
        .map_err(|e| format!("{}: {e}", www.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(ext(p), "css" | "svg"))
        .filter(|p| bundle_of(&file_name(p)).is_none())
        .collect();
    plain.sort();
    for (bundle, sources) in STYLE_BUNDLES {
        let merged = staging.join(bundle);
        let mut text = String::new();
        for source in sources {
            let path = www.join(source);
            text += &std::fs::read_to_string(&path)
                .map_err(|e| format!("{} (in {bundle}): {e}", path.display()))?;
            text.push('\n');
        }
        write(&merged, text.as_bytes())?;
        let bytes = minify_css(root, &merged)?;
        let hashed = hashed_name(bundle, &bytes);
        write(&out.join(&hashed), &bytes)?;
        for source in sources {
            assets.insert(source.to_string(), hashed.clone());
        }
    }
    for path in plain.iter().chain(std::iter::once(&wasm)) {
        let name = file_name(path);
        let bytes = if ext(path) == "css" {
            minify_css(root, path)?
        } else {
            std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?
        };
        let hashed = hashed_name(&name, &bytes);
        write(&out.join(&hashed), &bytes)?;
        // Pages name it by its path below www/, scripts by its name beside them.
        let relative = path
            .strip_prefix(&www)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        assets.insert(relative, hashed.clone());
        assets.insert(name, hashed);
    }

    // The pages link to each other by their own names.
    for (page, _) in PAGES {
        assets.insert(page.to_string(), page.to_string());
    }

    // The scripts, staged with the hashed names in place, then bundled.
    stage_scripts(&www, &staging, &assets)?;
    let meta_path = web::target_dir(root).join("dist-meta.json");
    let mut esbuild = Command::new(root.join("node_modules/.bin/esbuild"));
    esbuild
        .args(PAGES.map(|(_, entry)| entry))
        .args([
            "--bundle",
            "--splitting",
            "--format=esm",
            "--minify",
            "--target=es2022",
            "--legal-comments=none",
            "--log-level=warning",
            "--entry-names=[name]-[hash]",
            "--chunk-names=chunk-[hash]",
        ])
        .arg(format!("--outdir={}", out.display()))
        .arg(format!("--metafile={}", meta_path.display()));
    cmd::run(&mut esbuild, &staging)?;
    let meta =
        std::fs::read_to_string(&meta_path).map_err(|e| format!("{}: {e}", meta_path.display()))?;
    let graph = Graph::from_metafile(&meta)?;

    for (page, entry) in PAGES {
        let html =
            std::fs::read_to_string(www.join(page)).map_err(|e| format!("www/{page}: {e}"))?;
        let bundle = graph.entry(entry)?;
        let preloads = graph.static_closure(&bundle);
        let html = rewrite_html(&html, entry, &bundle, &preloads, &assets)
            .map_err(|e| format!("www/{page}: {e}"))?;
        write(&out.join(page), minify_html(&html).as_bytes())?;
    }
    let _ = std::fs::remove_dir_all(&staging);
    let _ = std::fs::remove_file(&meta_path);
    payload(out)
}

/// Empties `dir` (creating it), refusing a non-empty folder that is not an earlier build of this folder.
fn clear(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let empty = entries.next().is_none();
        let staged = dir.file_name().is_some_and(|n| n == "dist-staging");
        if !empty && !staged && !dir.join("index.html").exists() {
            return Err(format!(
                "{} is not empty and holds no index.html: not clearing a folder that is not a build of the site; \
                 choose another --out",
                dir.display()
            ));
        }
        std::fs::remove_dir_all(dir).map_err(|e| format!("clearing {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))
}

/// The style bundle a stylesheet of `www/` goes into, if any: `(bundle, its sources)`.
fn bundle_of(stylesheet: &str) -> Option<(&'static str, &'static [&'static str])> {
    STYLE_BUNDLES
        .into_iter()
        .find(|(_, sources)| sources.contains(&stylesheet))
}

/// Checks that a page links the sources of each style bundle next to each other and in the bundle's order
/// (`links`: the page's stylesheets in document order), so one bundle in place of them keeps the cascade.
pub fn check_style_order(links: &[String]) -> Result<(), String> {
    for (bundle, sources) in STYLE_BUNDLES {
        let at: Vec<usize> = links
            .iter()
            .enumerate()
            .filter(|(_, l)| sources.contains(&l.as_str()))
            .map(|(i, _)| i)
            .collect();
        let ordered = at.windows(2).all(|w| {
            let rank = |i: usize| sources.iter().position(|s| *s == links[i]);
            w[1] == w[0] + 1 && rank(w[1]) > rank(w[0])
        });
        if !ordered {
            return Err(format!(
                "its stylesheets {links:?} link the sources of {bundle} ({sources:?}) apart or out of order: \
                 one {bundle} in their place would change the cascade"
            ));
        }
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))
}

fn ext(path: &Path) -> &str {
    path.extension().and_then(|e| e.to_str()).unwrap_or("")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The stylesheet at `path`, minified by esbuild.
fn minify_css(root: &Path, path: &Path) -> Result<Vec<u8>, String> {
    let mut command = Command::new(root.join("node_modules/.bin/esbuild"));
    command.arg(path).args(["--minify", "--log-level=warning"]);
    let shown = cmd::display(&command);
    let out = command
        .output()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`{shown}` failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(out.stdout)
}

/// Every `.js` file below `www` copied to `staging`, each asset name in a string literal replaced by its
/// hashed name.
fn stage_scripts(
    www: &Path,
    staging: &Path,
    assets: &BTreeMap<String, String>,
) -> Result<(), String> {
    let mut stack = vec![PathBuf::new()];
    while let Some(dir) = stack.pop() {
        let from = www.join(&dir);
        for entry in std::fs::read_dir(&from).map_err(|e| format!("{}: {e}", from.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            let relative = dir.join(path.file_name().unwrap_or_default());
            if path.is_dir() {
                std::fs::create_dir_all(staging.join(&relative))
                    .map_err(|e| format!("{}: {e}", relative.display()))?;
                stack.push(relative);
            } else if ext(&path) == "js" {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                write(
                    &staging.join(&relative),
                    replace_asset_literals(&text, assets).as_bytes(),
                )?;
            }
        }
    }
    Ok(())
}

/// `js` with every string literal that names an asset (`'evidence.css'`, `'./crash.css'`) naming its hashed
/// file instead.
pub fn replace_asset_literals(js: &str, assets: &BTreeMap<String, String>) -> String {
    let mut text = js.to_string();
    for (name, hashed) in assets {
        for quote in ['\'', '"', '`'] {
            for prefix in ["", "./"] {
                let old = format!("{quote}{prefix}{name}{quote}");
                let new = format!("{quote}{prefix}{hashed}{quote}");
                text = text.replace(&old, &new);
            }
        }
    }
    text
}

/// `name` with the content hash of `bytes` before its extension: `style.css` → `style-1a2b3c4d.css`.
pub fn hashed_name(name: &str, bytes: &[u8]) -> String {
    // FNV-1a, 64 bits: a file name that changes whenever the content does (not a security measure).
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let short = format!("{:08x}", (hash >> 32) ^ (hash & 0xffff_ffff));
    match name.rsplit_once('.') {
        Some((stem, extension)) => format!("{stem}-{short}.{extension}"),
        None => format!("{name}-{short}"),
    }
}

/// The bundle graph esbuild reports: each output file and the outputs it imports.
struct Graph {
    /// Output file name → (entry module it starts, if any; its static imports).
    outputs: BTreeMap<String, (Option<String>, Vec<String>)>,
}

impl Graph {
    fn from_metafile(text: &str) -> Result<Graph, String> {
        let meta: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("esbuild's metafile: {e}"))?;
        let outputs = meta
            .get("outputs")
            .and_then(|o| o.as_object())
            .ok_or("esbuild's metafile has no outputs")?;
        let base = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
        let mut graph = Graph {
            outputs: BTreeMap::new(),
        };
        for (path, output) in outputs {
            let entry = output.get("entryPoint").and_then(|e| e.as_str()).map(base);
            let imports = output
                .get("imports")
                .and_then(|i| i.as_array())
                .map(|list| {
                    list.iter()
                        .filter(|i| {
                            i.get("kind").and_then(|k| k.as_str()) == Some("import-statement")
                        })
                        .filter_map(|i| i.get("path").and_then(|p| p.as_str()).map(base))
                        .collect()
                })
                .unwrap_or_default();
            graph.outputs.insert(base(path), (entry, imports));
        }
        Ok(graph)
    }

    /// The bundle that `entry` (a module of www/, like `main.js`) became.
    fn entry(&self, entry: &str) -> Result<String, String> {
        self.outputs
            .iter()
            .find(|(name, (start, _))| start.as_deref() == Some(entry) && name.ends_with(".js"))
            .map(|(name, _)| name.clone())
            .ok_or_else(|| format!("esbuild made no bundle for {entry}"))
    }

    /// Every chunk `bundle` imports statically, directly or not (what the page should preload), sorted.
    fn static_closure(&self, bundle: &str) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        let mut todo: Vec<String> = self
            .outputs
            .get(bundle)
            .map(|(_, i)| i.clone())
            .unwrap_or_default();
        while let Some(next) = todo.pop() {
            if seen.contains(&next) || next == bundle {
                continue;
            }
            if let Some((_, imports)) = self.outputs.get(&next) {
                todo.extend(imports.iter().cloned());
            }
            seen.push(next);
        }
        seen.sort();
        seen
    }
}

/// The production form of a page: its module preloads replaced by the bundle's chunks, its script by the
/// bundle, and every stylesheet, icon and wasm link by the hashed file. A local URL that names nothing the
/// folder holds is an error, so a page never ships a broken link.
pub fn rewrite_html(
    html: &str,
    entry: &str,
    bundle: &str,
    preloads: &[String],
    assets: &BTreeMap<String, String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut script_seen = false;
    let mut stylesheets: Vec<String> = Vec::new();
    let mut linked: Vec<String> = Vec::new();
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").ok_or("an HTML comment is not closed")?;
            rest = &rest[end + 3..];
            continue;
        }
        let end = rest.find('>').ok_or("a tag is not closed")? + 1;
        let tag = &rest[..end];
        rest = &rest[end..];
        if tag.starts_with("<link") && tag.contains("rel=\"modulepreload\"") {
            continue;
        }
        if tag.starts_with("<script") {
            if attribute(tag, "src") != Some(entry) {
                return Err(format!(
                    "a script other than {entry} ({tag}): the folder has no file for it"
                ));
            }
            script_seen = true;
            for chunk in preloads {
                out.push_str(&format!("<link rel=\"modulepreload\" href=\"{chunk}\">"));
            }
            out.push_str(&tag.replacen(
                &format!("src=\"{entry}\""),
                &format!("src=\"{bundle}\""),
                1,
            ));
            continue;
        }
        let stylesheet = tag.starts_with("<link") && tag.contains("rel=\"stylesheet\"");
        if let Some(href) = attribute(tag, "href").filter(|_| stylesheet) {
            stylesheets.push(href.trim_start_matches("./").to_string());
        }
        let mut tag = tag.to_string();
        for name in ["href", "src"] {
            let Some(url) = attribute(&tag, name).map(str::to_string) else {
                continue;
            };
            if url.starts_with('#') || url.starts_with("data:") {
                continue;
            }
            let local = url.trim_start_matches("./");
            let hashed = assets.get(local).ok_or_else(|| {
                format!("{name}=\"{url}\" names a file the production folder does not hold")
            })?;
            tag = tag.replacen(
                &format!("{name}=\"{url}\""),
                &format!("{name}=\"{hashed}\""),
                1,
            );
            // Sources of one style bundle: the bundle is linked once, where the first of them was.
            if stylesheet && name == "href" {
                if linked.contains(hashed) {
                    tag.clear();
                } else {
                    linked.push(hashed.clone());
                }
            }
        }
        out.push_str(&tag);
    }
    out.push_str(rest);
    if !script_seen {
        return Err(format!("no <script type=\"module\" src=\"{entry}\">"));
    }
    check_style_order(&stylesheets)?;
    Ok(out)
}

/// The value of ` name="…"` in one tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    tag[at..].split('"').next()
}

/// Collapses every run of whitespace to one character: a newline where the run had one, else a space. The
/// rendering is the same (one space is what a run of them renders as; between blocks it renders as nothing),
/// so no rule about which elements are inline is needed. Text and attribute values keep their words; the
/// pages hold no `<pre>`, `<textarea>` or inline script whose spaces would matter.
pub fn minify_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut chars = html.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            let mut newline = c == '\n';
            while let Some(&next) = chars.peek() {
                if !next.is_whitespace() {
                    break;
                }
                newline |= next == '\n';
                chars.next();
            }
            out.push(if newline { '\n' } else { ' ' });
        } else {
            out.push(c);
        }
    }
    out
}

/// Every file of the folder with its raw and gzip -9 sizes, sorted by name.
pub fn payload(out: &Path) -> Result<Vec<Sized>, String> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(out).map_err(|e| format!("{}: {e}", out.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        files.push(Sized {
            name: file_name(&path),
            raw: bytes.len() as u64,
            gzip: gzip_size(&path)?,
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// Bytes of `gzip -9` of a file (the system's gzip: on Debian and every CI image).
fn gzip_size(path: &Path) -> Result<u64, String> {
    let out = Command::new("gzip")
        .args(["-9", "-c", "-n"])
        .arg(path)
        .output()
        .map_err(|e| format!("could not run gzip (install it: apt-get install gzip): {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip -9 {} failed", path.display()));
    }
    Ok(out.stdout.len() as u64)
}

/// Totals per kind (html, js, css, wasm, other) and overall: `(kind, raw, gzip)`.
pub fn totals(files: &[Sized]) -> Vec<(&'static str, u64, u64)> {
    let mut rows: Vec<(&'static str, u64, u64)> = ["html", "js", "css", "wasm", "other"]
        .iter()
        .map(|k| (*k, 0, 0))
        .collect();
    for f in files {
        let kind = match f.name.rsplit('.').next() {
            Some("html") => 0,
            Some("js") => 1,
            Some("css") => 2,
            Some("wasm") => 3,
            _ => 4,
        };
        rows[kind].1 += f.raw;
        rows[kind].2 += f.gzip;
    }
    let (raw, gzip) = rows
        .iter()
        .fold((0, 0), |(r, g), row| (r + row.1, g + row.2));
    rows.retain(|row| row.1 > 0);
    rows.push(("total", raw, gzip));
    rows
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// Prints every file and the totals per kind, raw and gzip -9, against the budget.
pub fn print_payload(files: &[Sized]) {
    println!(
        "\n    payload: every file of the folder, all that a visitor of index.html or embed.html can load \
         (raw / gzip -9):"
    );
    for f in files {
        println!("      {:<44} {:>10} {:>10}", f.name, kb(f.raw), kb(f.gzip));
    }
    for (kind, raw, gzip) in totals(files) {
        println!("    {kind:<46} {:>10} {:>10}", kb(raw), kb(gzip));
    }
    let total = totals(files).last().map_or(0, |t| t.2);
    let against = |limit: u64| {
        if total <= limit {
            format!("within it, {} to spare", kb(limit - total))
        } else {
            format!("over it by {}", kb(total - limit))
        }
    };
    println!(
        "    goal {} gzipped: {}; ceiling held by the tests {}: {}",
        kb(GOAL_GZIP),
        against(GOAL_GZIP),
        kb(CEILING_GZIP),
        against(CEILING_GZIP)
    );
}

/// Where `cargo xtask test` puts the folder it tests (a fresh temporary folder each run).
pub fn test_folder() -> PathBuf {
    std::env::temp_dir().join(format!("activation-playground-dist-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assets() -> BTreeMap<String, String> {
        BTreeMap::from([
            ("style.css".to_string(), "style-00000001.css".to_string()),
            ("crash.css".to_string(), "crash-00000002.css".to_string()),
            (
                "favicon.svg".to_string(),
                "favicon-00000003.svg".to_string(),
            ),
            (
                "activation_playground_bg.wasm".to_string(),
                "activation_playground_bg-00000004.wasm".to_string(),
            ),
        ])
    }

    #[test]
    fn hashed_names_follow_the_content() {
        let a = hashed_name("style.css", b"body{}");
        assert!(a.starts_with("style-") && a.ends_with(".css"), "{a}");
        assert_eq!(a.len(), "style-".len() + 8 + ".css".len());
        assert_eq!(a, hashed_name("style.css", b"body{}"));
        assert_ne!(a, hashed_name("style.css", b"body{ }"));
    }

    #[test]
    fn asset_literals_are_renamed_and_nothing_else() {
        let js = "link.href = new URL('./crash.css', import.meta.url).href;\n\
                  loadStyles(\"style.css\"); new URL('activation_playground_bg.wasm', import.meta.url);\n\
                  const note = 'see style.css for colours';";
        let out = replace_asset_literals(js, &assets());
        assert!(out.contains("'./crash-00000002.css'"), "{out}");
        assert!(out.contains("\"style-00000001.css\""), "{out}");
        assert!(
            out.contains("'activation_playground_bg-00000004.wasm'"),
            "{out}"
        );
        assert!(out.contains("'see style.css for colours'"), "{out}");
    }

    #[test]
    fn pages_name_the_bundle_its_chunks_and_the_hashed_files() {
        let html = "<!doctype html>\n<head>\n  <!-- a comment -->\n  <link rel=\"icon\" href=\"favicon.svg\">\n  \
                    <link rel=\"stylesheet\" href=\"style.css\">\n  \
                    <link rel=\"preload\" href=\"pkg/activation_playground_bg.wasm\" as=\"fetch\">\n  \
                    <link rel=\"modulepreload\" href=\"playground/loop.js\">\n  \
                    <script type=\"module\" src=\"main.js\"></script>\n</head>\n<body><a href=\"#run\">Skip</a></body>";
        let mut assets = assets();
        assets.insert(
            "pkg/activation_playground_bg.wasm".into(),
            "activation_playground_bg-00000004.wasm".into(),
        );
        let out = rewrite_html(
            html,
            "main.js",
            "main-ABC.js",
            &["chunk-1.js".to_string()],
            &assets,
        )
        .unwrap();
        assert!(!out.contains("comment"), "{out}");
        assert!(!out.contains("loop.js"), "{out}");
        assert!(out.contains("href=\"favicon-00000003.svg\""), "{out}");
        assert!(out.contains("href=\"style-00000001.css\""), "{out}");
        assert!(
            out.contains("href=\"activation_playground_bg-00000004.wasm\""),
            "{out}"
        );
        assert!(out.contains(
            "<link rel=\"modulepreload\" href=\"chunk-1.js\"><script type=\"module\" src=\"main-ABC.js\">"
        ));
        assert!(out.contains("href=\"#run\""), "{out}");
    }

    #[test]
    fn a_style_bundle_is_linked_once_where_its_first_source_was() {
        let mut assets = assets();
        for source in ["style.css", "explorer.css", "publish.css"] {
            assets.insert(source.into(), "base-00000005.css".into());
        }
        assets.insert("evidence.css".into(), "panels-00000006.css".into());
        let html = "<link rel=\"stylesheet\" href=\"style.css\">\n<link rel=\"stylesheet\" href=\"explorer.css\">\n\
                    <link rel=\"stylesheet\" href=\"evidence.css\">\n<script type=\"module\" src=\"main.js\"></script>";
        let out = rewrite_html(html, "main.js", "m.js", &[], &assets).unwrap();
        assert_eq!(out.matches("base-00000005.css").count(), 1, "{out}");
        assert!(
            out.find("base-00000005.css") < out.find("panels-00000006.css"),
            "{out}"
        );
    }

    #[test]
    fn style_bundle_sources_must_be_linked_together_and_in_order() {
        let links = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(check_style_order(&links(&["style.css", "explorer.css", "embed.css"])).is_ok());
        assert!(check_style_order(&links(&["explorer.css", "style.css"])).is_err());
        assert!(check_style_order(&links(&["style.css", "evidence.css", "explorer.css"])).is_err());
        assert!(check_style_order(&links(&["crash.css", "publish.css"])).is_ok());
    }

    #[test]
    fn a_link_to_a_file_the_folder_lacks_is_an_error() {
        let html = "<link rel=\"stylesheet\" href=\"other.css\"><script type=\"module\" src=\"main.js\"></script>";
        let err = rewrite_html(html, "main.js", "m.js", &[], &assets()).unwrap_err();
        assert!(err.contains("other.css"), "{err}");
        let html = "<script type=\"module\" src=\"other.js\"></script>";
        assert!(rewrite_html(html, "main.js", "m.js", &[], &assets()).is_err());
    }

    #[test]
    fn html_whitespace_collapses_to_one_character_per_run() {
        let html = "<ul>\n    <li>one\n      two</li>\n    <li>three  four</li>\n</ul>\n<p>a <b>b</b> c</p>";
        assert_eq!(
            minify_html(html),
            "<ul>\n<li>one\ntwo</li>\n<li>three four</li>\n</ul>\n<p>a <b>b</b> c</p>"
        );
    }

    #[test]
    fn totals_add_up_per_kind() {
        let files = [
            Sized {
                name: "index.html".into(),
                raw: 10,
                gzip: 5,
            },
            Sized {
                name: "a.js".into(),
                raw: 20,
                gzip: 8,
            },
            Sized {
                name: "b.js".into(),
                raw: 30,
                gzip: 9,
            },
            Sized {
                name: "x.wasm".into(),
                raw: 100,
                gzip: 50,
            },
        ];
        let t = totals(&files);
        assert_eq!(t[0], ("html", 10, 5));
        assert_eq!(t[1], ("js", 50, 17));
        assert_eq!(t[2], ("wasm", 100, 50));
        assert_eq!(t.last(), Some(&("total", 160, 72)));
    }
}
