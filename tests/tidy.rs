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

#[test]
fn index_html_preloads_every_module_of_the_page() {
    let www = root().join("www");
    let html = fs::read_to_string(www.join("index.html")).unwrap();
    let preloaded: Vec<&str> = html
        .lines()
        .filter(|l| l.contains("rel=\"modulepreload\""))
        .filter_map(|l| l.split("href=\"").nth(1)?.split('"').next())
        .collect();
    let mut modules: Vec<String> = files(&www, &[".js"])
        .iter()
        .map(|p| {
            p.strip_prefix(&www)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|m| m != "main.js")
        .collect();
    // The wasm-bindgen glue is generated into pkg/ (which `files` skips) and imported by main.js.
    modules.push("pkg/activation_playground.js".to_string());
    modules.sort();
    let mut listed: Vec<String> = preloaded.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(
        listed, modules,
        "www/index.html must <link rel=\"modulepreload\"> every module (and only those), so the browser \
         fetches the module graph at once instead of import by import"
    );
}
