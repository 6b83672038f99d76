//! Tidy: the architecture's invariants (ARCHITECTURE.md), checked by reading the tree.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file below `dir` (skipping generated `pkg/`) whose name ends with one of `endings`.
fn files(dir: &Path, endings: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "pkg") {
                    stack.push(path);
                }
            } else if endings.iter().any(|e| path.to_string_lossy().ends_with(e)) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `file:line: text` for every line of `files` that contains one of `needles`, outside `//` comments.
fn offending(files: &[PathBuf], needles: &[&str]) -> Vec<String> {
    let mut hits = Vec::new();
    for file in files {
        let text = fs::read_to_string(file).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") || code.starts_with('*') {
                continue;
            }
            if needles.iter().any(|n| line.contains(n)) {
                hits.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    hits
}

#[test]
fn only_the_bindings_module_imports_wasm_bindgen_web_sys_or_js_sys() {
    let web = root().join("src").join("web");
    let core: Vec<PathBuf> = files(&root().join("src"), &[".rs"])
        .into_iter()
        .filter(|p| !p.starts_with(&web))
        .collect();
    assert!(core.len() >= 2, "expected core modules under src/");
    let hits = offending(&core, &["wasm_bindgen", "web_sys", "js_sys"]);
    assert!(
        hits.is_empty(),
        "Invariant: only src/web/ may use wasm_bindgen, web_sys or js_sys; found:\n{}",
        hits.join("\n")
    );
}

#[test]
fn the_page_never_uses_math_random() {
    let www = files(&root().join("www"), &[".js", ".html"]);
    assert!(!www.is_empty(), "expected www/ sources");
    let hits = offending(&www, &["Math.random"]);
    assert!(
        hits.is_empty(),
        "Invariant: www/ draws every random number from the seeded core RNG, never Math.random; found:\n{}",
        hits.join("\n")
    );
}

#[test]
fn the_page_never_parses_text_as_html() {
    let www = files(&root().join("www"), &[".js"]);
    let hits = offending(
        &www,
        &[
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
        ],
    );
    assert!(
        hits.is_empty(),
        "Invariant: www/ builds DOM with createElement/textContent, never by parsing strings; found:\n{}",
        hits.join("\n")
    );
}

#[test]
fn the_page_has_no_inline_script_or_style_and_no_outside_urls() {
    let html = files(&root().join("www"), &[".html"]);
    let mut hits = offending(
        &html,
        &[" style=", "<style", "javascript:", " onclick=", " onload="],
    );
    for file in &html {
        let text = fs::read_to_string(file).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.contains("<script") && !line.contains(" src=") {
                hits.push(format!("{}:{}: inline script", file.display(), i + 1));
            }
        }
    }
    let sources = files(&root().join("www"), &[".html", ".js", ".css"]);
    let outside = offending(&sources, &["http://", "https://", "//cdn"]);
    // The SVG namespace is a name, not a request.
    hits.extend(
        outside
            .into_iter()
            .filter(|hit| !hit.contains("www.w3.org/2000/svg")),
    );
    assert!(
        hits.is_empty(),
        "Invariant: the strict CSP holds (no inline script/style) and every resource is same-origin; found:\n{}",
        hits.join("\n")
    );
}

/// The modules `file` (a path below `www`, like `main.js`) imports: `(static, dynamic)`, as paths below `www`.
/// Static imports are `import … from '…'`, `export … from '…'` and `import '…'` statements (a multi-line
/// import ends in a `} from '…'` line); dynamic ones are `import('…')` calls with a literal path.
fn imports_of(www: &Path, file: &str) -> (Vec<String>, Vec<String>) {
    let text = fs::read_to_string(www.join(file)).unwrap_or_else(|e| panic!("www/{file}: {e}"));
    let base = Path::new(file).parent().unwrap_or(Path::new(""));
    let resolve = |spec: &str| -> String {
        let mut parts: Vec<String> = base
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        for part in spec.split('/') {
            match part {
                "." | "" => {}
                ".." => {
                    parts.pop();
                }
                name => parts.push(name.to_string()),
            }
        }
        parts.join("/")
    };
    let quoted = |rest: &str| -> Option<String> {
        let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
        let spec = rest[1..].split(quote).next()?;
        spec.starts_with('.').then(|| resolve(spec))
    };
    let (mut fixed, mut lazy) = (Vec::new(), Vec::new());
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("//") || code.starts_with('*') {
            continue;
        }
        let statement = code.starts_with("import ")
            || code.starts_with("export ")
            || code.starts_with("} from ");
        if statement {
            if let Some(spec) = code
                .rsplit_once(" from ")
                .and_then(|(_, rest)| quoted(rest.trim_start()))
                .or_else(|| code.strip_prefix("import ").and_then(quoted))
            {
                fixed.push(spec);
            }
        }
        for (i, _) in code.match_indices("import(") {
            if let Some(spec) = quoted(&code[i + "import(".len()..]) {
                lazy.push(spec);
            }
        }
    }
    (fixed, lazy)
}

/// The module graph from `entry` (below `www`): `(critical, lazy)`. Every static edge is on the critical
/// path; a dynamic import() starts a lazily loaded part (its own static imports are lazy too, unless the
/// critical path has them anyway). The wasm-bindgen glue in pkg/ is generated (and imports nothing of ours):
/// it is a leaf.
fn module_graph(www: &Path, entry: &str) -> (Vec<String>, Vec<String>) {
    let mut critical: Vec<String> = Vec::new();
    let mut lazy: Vec<String> = Vec::new();
    let mut todo: Vec<(String, bool)> = vec![(entry.to_string(), true)];
    let mut seen: Vec<(String, bool)> = Vec::new();
    while let Some((module, on_path)) = todo.pop() {
        if seen.contains(&(module.clone(), on_path)) {
            continue;
        }
        seen.push((module.clone(), on_path));
        if on_path { &mut critical } else { &mut lazy }.push(module.clone());
        if module.starts_with("pkg/") {
            continue;
        }
        let (fixed, dynamic) = imports_of(www, &module);
        todo.extend(fixed.into_iter().map(|m| (m, on_path)));
        todo.extend(dynamic.into_iter().map(|m| (m, false)));
    }
    critical.retain(|m| m != entry);
    critical.sort();
    critical.dedup();
    lazy.retain(|m| !critical.contains(m));
    lazy.sort();
    lazy.dedup();
    (critical, lazy)
}

/// The pages of `www/` and the module each one starts.
const PAGES: [(&str, &str); 2] = [("index.html", "main.js"), ("embed.html", "embed.js")];

#[test]
fn each_page_preloads_exactly_the_static_module_graph_of_its_script() {
    let www = root().join("www");
    let mut reached: Vec<String> = Vec::new();
    for (page, entry) in PAGES {
        let html = fs::read_to_string(www.join(page)).unwrap();
        let mut listed: Vec<String> = html
            .lines()
            .filter(|l| l.contains("rel=\"modulepreload\""))
            .filter_map(|l| Some(l.split("href=\"").nth(1)?.split('"').next()?.to_string()))
            .collect();
        listed.sort();
        let (critical, lazy) = module_graph(&www, entry);
        assert!(
            critical.contains(&"pkg/activation_playground.js".to_string()),
            "{entry} should import the wasm-bindgen glue statically; found {critical:?}"
        );
        assert_eq!(
            listed, critical,
            "www/{page} must <link rel=\"modulepreload\"> every module {entry} imports statically, directly or \
             not (and only those), so the browser fetches the whole critical path at once instead of import by \
             import; modules loaded with import() ({lazy:?}) stay off the list so they do not compete with it"
        );
        reached.push(entry.to_string());
        reached.extend(critical);
        reached.extend(lazy);
    }

    // Every module of the pages is on one of their paths: none is left out of the graph.
    let mut modules: Vec<String> = files(&www, &[".js"])
        .iter()
        .map(|p| {
            p.strip_prefix(&www)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    modules.push("pkg/activation_playground.js".to_string());
    modules.sort();
    reached.sort();
    reached.dedup();
    assert_eq!(
        reached, modules,
        "every module in www/ must be reached from a page's script (main.js, embed.js), by a static import \
         (the preloaded critical path) or an import() (loaded later)"
    );
}

/// The non-test code of a Rust file: everything before its first `#[cfg(test)]` (test modules sit at the
/// end of a file), with `//` comments and the contents of string literals blanked out.
fn code_of(file: &Path) -> Vec<(usize, String)> {
    let text = fs::read_to_string(file).unwrap();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let mut code = String::new();
        let mut in_string = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if in_string => {
                    chars.next();
                }
                '"' => {
                    in_string = !in_string;
                    code.push('"');
                }
                '/' if !in_string && chars.peek() == Some(&'/') => break,
                _ if in_string => {}
                _ => code.push(c),
            }
        }
        out.push((i + 1, code));
    }
    out
}

#[test]
fn transcendental_maths_goes_through_libm_or_our_own_code() {
    const STD_MATHS: [&str; 25] = [
        ".exp(", ".exp2(", ".exp_m1(", ".ln(", ".ln_1p(", ".log(", ".log2(", ".log10(", ".powf(",
        ".powi(", ".sin(", ".cos(", ".tan(", ".sinh(", ".cosh(", ".tanh(", ".asin(", ".acos(",
        ".atan(", ".atan2(", ".asinh(", ".acosh(", ".atanh(", ".cbrt(", ".hypot(",
    ];
    let mut hits = Vec::new();
    for file in files(&root().join("src"), &[".rs"]) {
        for (n, code) in code_of(&file) {
            if STD_MATHS.iter().any(|m| code.contains(m)) || code.contains(".sin_cos(") {
                hits.push(format!("{}:{n}: {}", file.display(), code.trim()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "Invariant: transcendental maths in src/ uses libm or src/activation/math.rs, never the \
         platform's (f32/f64 methods); found:\n{}",
        hits.join("\n")
    );
}

#[test]
fn the_core_builds_without_the_web_feature() {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let section = |name: &str| -> String {
        let start = manifest
            .find(&format!("\n[{name}]\n"))
            .unwrap_or_else(|| panic!("Cargo.toml has no [{name}]"));
        let body = &manifest[start + name.len() + 4..];
        body[..body.find("\n[").unwrap_or(body.len())].to_owned()
    };
    let features = section("features");
    assert!(
        features.contains("default = [\"web\"]"),
        "the web feature is on by default:\n{features}"
    );
    let dependencies = section("dependencies");
    for dep in [
        "wasm-bindgen",
        "console_error_panic_hook",
        "js-sys",
        "web-sys",
    ] {
        for line in dependencies
            .lines()
            .filter(|l| l.starts_with(&format!("{dep} ")))
        {
            assert!(
                line.contains("optional = true") && features.contains(&format!("\"dep:{dep}\"")),
                "Invariant: the core compiles without the web dependencies; {dep} must be optional and \
                 part of the web feature: {line}"
            );
        }
    }
    let lib = fs::read_to_string(root().join("src").join("lib.rs")).unwrap();
    assert!(
        lib.contains("#[cfg(feature = \"web\")]\npub mod web;"),
        "src/lib.rs compiles the bindings only with the web feature"
    );
}

#[test]
fn lib_lists_the_modules_in_reading_order() {
    let lib = fs::read_to_string(root().join("src").join("lib.rs")).unwrap();
    let order: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';'))
        .collect();
    let position = |name: &str| order.iter().position(|m| *m == name);
    let mut hits = Vec::new();
    for (i, module) in order.iter().enumerate() {
        let src = root().join("src");
        let mut sources = vec![src.join(format!("{module}.rs"))];
        if src.join(module).is_dir() {
            sources.extend(files(&src.join(module), &[".rs"]));
        }
        for file in sources.iter().filter(|f| f.exists()) {
            for (n, code) in code_of(file) {
                for used in code.split("crate::").skip(1) {
                    let name: String = used
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    let target = match name.as_str() {
                        "Activation" => "activation",
                        "Config" => "config",
                        "Session" => "training",
                        other => other,
                    };
                    if position(target).is_some_and(|j| j > i) {
                        hits.push(format!("{}:{n}: {module} uses {target}", file.display()));
                    }
                }
            }
        }
    }
    assert!(
        hits.is_empty(),
        "src/lib.rs lists the modules so that each uses only those above it; found:\n{}",
        hits.join("\n")
    );
}

#[test]
fn no_issue_numbers_design_cards_or_outside_paths_in_code_and_docs() {
    let mut sources = files(&root().join("src"), &[".rs"]);
    sources.extend(files(&root().join("tests"), &[".rs", ".mjs", ".py"]));
    sources.extend(files(&root().join("xtask").join("src"), &[".rs"]));
    for top in ["ARCHITECTURE.md", "README.md", "Cargo.toml", "rustfmt.toml"] {
        sources.push(root().join(top));
    }
    let mut hits = Vec::new();
    for file in sources.iter().filter(|f| f.exists()) {
        let text = fs::read_to_string(file).unwrap();
        for (i, line) in text.lines().enumerate() {
            let lower = line.to_lowercase();
            let issue_number = lower.match_indices("issue").any(|(at, _)| {
                let rest = lower[at + 5..].trim_start_matches([' ', '#']);
                rest.starts_with(|c: char| c.is_ascii_digit())
            });
            let this_file = file.ends_with("tidy.rs");
            if !this_file
                && (issue_number
                    || lower.contains("design card")
                    || lower.contains("/work/")
                    || lower.contains("../shared"))
            {
                hits.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "code and docs say what is true now: no issue numbers, no design card, no paths outside the \
         repository; found:\n{}",
        hits.join("\n")
    );
}
