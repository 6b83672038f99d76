//! `cargo xtask bench`: our engine against its peers, and the page's frame and payload budgets.
//!
//! `cargo xtask bench` builds the page's wasm module exactly as it ships (`www/pkg/`, after wasm-opt), a
//! native release build of the same engine (`tests/bench/native.rs`), installs the peers pinned in
//! `xtask/bench/package.json` (tfjs, convnetjs, brain.js: a separate npm package, so `cargo xtask test` never
//! installs them; `npm ci --ignore-scripts`, as none of them needs a build step), and runs
//! `xtask/bench/run.mjs`: every implementation trains the same configurations on the same points, interleaved round
//! by round, and the medians go to `target/bench/results.json` and a table. Its "full frame" is the page's
//! animation frame, made by the page's own modules (`www/app/loop.js`, `www/app/frame.js`).
//!
//! `cargo xtask bench --browser` serves `www/` on a free local port (as `cargo xtask serve` does) and the
//! production folder of `cargo xtask dist`, built into a temporary folder, on another (gzip-compressed, as a
//! static host serves it), and runs `xtask/bench/browser.mjs` in headless Chromium: first load of both over
//! three emulated networks, frame time and epochs per second the page sustains, time to the first trained
//! frame, the payload (raw and gzipped), and the same full frame as in Node. Its results go to
//! `target/bench/browser.json`; the first-load figures also to `target/bench/results.json`.
//!
//! Benchmarks report; they never fail on a slow number. Only a broken build or a crashed peer fails them.

use crate::{cmd, dist, serve, setup, web};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The benchmark's own npm package, relative to the repository root.
const BENCH_DIR: &str = "xtask/bench";
/// The native benchmark binary: an example of the main crate (`tests/bench/native.rs`).
const NATIVE_EXAMPLE: &str = "bench_native";

/// What `cargo xtask bench` was asked to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Train the benchmark configurations with ours (wasm in Node, native) and the peers.
    Engine,
    /// Measure the served page in headless Chromium.
    Browser,
}

/// Parses the options after `bench`: none, or `--browser`.
pub fn parse(rest: &[String]) -> Result<Mode, String> {
    match rest {
        [] => Ok(Mode::Engine),
        [flag] if flag == "--browser" => Ok(Mode::Browser),
        _ => Err(format!(
            "'bench' takes no option or --browser, got '{}'",
            rest.join(" ")
        )),
    }
}

/// Runs the benchmark `mode` asks for.
pub fn run(mode: Mode) -> Result<(), String> {
    let root = crate::root();
    let out_dir = web::target_dir(&root).join("bench");
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("creating {}: {e}", out_dir.display()))?;
    cmd::step("tools: rust target, wasm-bindgen-cli, npm packages");
    let tools = setup::web_tools(&root)?;
    match mode {
        Mode::Engine => engine(&root, &tools, &out_dir),
        Mode::Browser => browser(&root, &tools, &out_dir),
    }
}

fn engine(root: &Path, tools: &setup::WebTools, out_dir: &Path) -> Result<(), String> {
    ensure_bench_packages(root)?;
    web::build(root, tools)?;
    cmd::step("building the native benchmark (release)");
    cmd::run(
        Command::new("cargo").args([
            "build",
            "--release",
            "--package",
            web::CRATE,
            "--example",
            NATIVE_EXAMPLE,
        ]),
        root,
    )?;
    let native = web::target_dir(root)
        .join("release")
        .join("examples")
        .join(format!("{NATIVE_EXAMPLE}{}", std::env::consts::EXE_SUFFIX));
    let results = out_dir.join("results.json");
    cmd::step(
        "training the same configurations on the same points: ours (wasm, native) and the peers",
    );
    cmd::run(
        Command::new("node")
            .arg(root.join(BENCH_DIR).join("run.mjs"))
            .env("BENCH_NATIVE", &native)
            .env("BENCH_PKG", root.join("www").join("pkg"))
            .env("BENCH_OUT", &results)
            .env("BENCH_TOOLCHAIN", toolchain()),
        root,
    )?;
    println!("\n    results: {}", results.display());
    Ok(())
}

fn browser(root: &Path, tools: &setup::WebTools, out_dir: &Path) -> Result<(), String> {
    let (chromium, _driver) = setup::ensure_chromium()?;
    web::build(root, tools)?;
    // The production folder, built from the same www/pkg into a folder of this run, served the way a static
    // host serves it (gzip for text and wasm); www/ is served as `cargo xtask serve` serves it.
    let dist_dir = std::env::temp_dir().join(format!("xtask-bench-dist-{}", std::process::id()));
    let measured = dist::build(root, &dist_dir).and_then(|files| {
        dist::print_payload(&files);
        let (port, _server) = serve::spawn(serve::bind(0)?, root.join("www"))?;
        let (dist_port, _dist_server) = serve::spawn_with(
            serve::bind(0)?,
            dist_dir.clone(),
            serve::Options { gzip: true },
        )?;
        let results = out_dir.join("browser.json");
        cmd::step(&format!(
            "measuring the page in headless Chromium: www/ at http://127.0.0.1:{port}/ (cargo xtask serve), \
             the dist folder gzipped at http://127.0.0.1:{dist_port}/"
        ));
        cmd::run(
            Command::new("node")
                .arg(root.join(BENCH_DIR).join("browser.mjs"))
                .env("BASE_URL", format!("http://127.0.0.1:{port}"))
                .env("DIST_URL", format!("http://127.0.0.1:{dist_port}"))
                .env("CHROMIUM", &chromium)
                .env("BENCH_WWW", root.join("www"))
                .env("BENCH_OUT", &results)
                .env("BENCH_RESULTS", out_dir.join("results.json")),
            root,
        )?;
        println!("\n    results: {}", results.display());
        Ok(())
    });
    let _ = std::fs::remove_dir_all(&dist_dir);
    measured
}

/// `rustc -V` for the machine line of the results.
fn toolchain() -> String {
    cmd::output("rustc", &["-V"]).unwrap_or_else(|| "rustc (version unknown)".to_string())
}

/// Runs `npm ci` in `bench/` when a pinned peer is missing or at another version; says "ok" otherwise.
fn ensure_bench_packages(root: &Path) -> Result<(), String> {
    let dir = root.join(BENCH_DIR);
    let manifest = std::fs::read_to_string(dir.join("package.json"))
        .map_err(|e| format!("reading {BENCH_DIR}/package.json: {e}"))?;
    let pins = exact_pins(&manifest)?;
    let missing: Vec<String> = pins
        .iter()
        .filter(|(name, version)| installed_version(&dir, name).as_deref() != Some(version))
        .map(|(name, version)| format!("{name}@{version}"))
        .collect();
    if missing.is_empty() {
        let all: Vec<String> = pins.iter().map(|(n, v)| format!("{n}@{v}")).collect();
        println!("    ok: benchmark peers {}", all.join(", "));
        return Ok(());
    }
    cmd::step(&format!(
        "installing the benchmark peers ({}) with npm ci in {BENCH_DIR}/",
        missing.join(", ")
    ));
    cmd::run(
        Command::new("npm").args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"]),
        &dir,
    )
}

/// `(name, version)` of every entry under "devDependencies" of a package.json text; an error when one is
/// not an exact `MAJOR.MINOR.PATCH` pin, optionally with a pre-release tag (`2.0.0-beta.24`); a range would
/// let two runs compare different peers.
fn exact_pins(manifest: &str) -> Result<Vec<(String, String)>, String> {
    let block = manifest
        .find("\"devDependencies\"")
        .map(|at| &manifest[at..])
        .and_then(|rest| {
            let open = rest.find('{')?;
            let close = rest[open..].find('}')? + open;
            Some(&rest[open + 1..close])
        })
        .ok_or("xtask/bench/package.json has no devDependencies block")?;
    let mut pins = Vec::new();
    for entry in block.split(',').filter(|e| !e.trim().is_empty()) {
        let (name, version) = entry
            .split_once(':')
            .ok_or_else(|| format!("cannot read the dependency entry '{}'", entry.trim()))?;
        let unquote = |s: &str| s.trim().trim_matches('"').to_string();
        let (name, version) = (unquote(name), unquote(version));
        let (release, pre) = match version.split_once('-') {
            Some((release, pre)) => (release, Some(pre)),
            None => (version.as_str(), None),
        };
        let parts: Vec<&str> = release.split('.').collect();
        let exact = parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            && pre.is_none_or(|pre| {
                pre.split('.').all(|id| {
                    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                })
            });
        if !exact {
            return Err(format!(
                "xtask/bench/package.json must pin {name} exactly (MAJOR.MINOR.PATCH[-pre-release]), found '{version}'"
            ));
        }
        pins.push((name, version));
    }
    if pins.is_empty() {
        return Err("xtask/bench/package.json pins no package".to_string());
    }
    Ok(pins)
}

/// The version of `package` installed under `dir/node_modules`, if any.
fn installed_version(dir: &Path, package: &str) -> Option<String> {
    let path: PathBuf = dir.join("node_modules").join(package).join("package.json");
    let text = std::fs::read_to_string(path).ok()?;
    let at = text.find("\"version\"")?;
    let rest = &text[at + "\"version\"".len()..];
    let open = rest.find('"')? + 1;
    let close = rest[open..].find('"')? + open;
    Some(rest[open..close].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_none_or_browser() {
        assert_eq!(parse(&[]), Ok(Mode::Engine));
        assert_eq!(parse(&["--browser".into()]), Ok(Mode::Browser));
        assert!(parse(&["--browsr".into()]).is_err());
        assert!(parse(&["--browser".into(), "--browser".into()]).is_err());
    }

    #[test]
    fn pins_must_be_exact() {
        let ok = r#"{"devDependencies": {"a": "1.2.3", "@s/b": "10.0.0"}, "x": {}}"#;
        assert_eq!(
            exact_pins(ok),
            Ok(vec![
                ("a".to_string(), "1.2.3".to_string()),
                ("@s/b".to_string(), "10.0.0".to_string())
            ])
        );
        assert_eq!(
            exact_pins(r#"{"devDependencies": {"brain.js": "2.0.0-beta.24"}}"#),
            Ok(vec![("brain.js".to_string(), "2.0.0-beta.24".to_string())])
        );
        for range in [
            "^1.2.3",
            "~1.2.3",
            "1.2",
            "*",
            "1.2.x",
            "latest",
            "^2.0.0-beta.24",
            "2.0.0-",
            "2.0.0-beta..1",
            "2.0.0-beta || 3",
        ] {
            let manifest = format!(r#"{{"devDependencies": {{"a": "{range}"}}}}"#);
            assert!(exact_pins(&manifest).is_err(), "{range} accepted");
        }
        assert!(exact_pins(r#"{"devDependencies": {}}"#).is_err());
        assert!(exact_pins(r#"{"dependencies": {"a": "1.0.0"}}"#).is_err());
    }

    #[test]
    fn reads_an_installed_version() {
        let dir = std::env::temp_dir().join(format!("xtask-bench-{}", std::process::id()));
        let pkg = dir.join("node_modules").join("@s").join("b");
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(
            pkg.join("package.json"),
            r#"{"name": "@s/b", "version": "4.22.0"}"#,
        )
        .unwrap();
        assert_eq!(installed_version(&dir, "@s/b").as_deref(), Some("4.22.0"));
        assert_eq!(installed_version(&dir, "missing"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_repository_pins_the_three_peers_exactly() {
        let manifest =
            std::fs::read_to_string(crate::root().join(BENCH_DIR).join("package.json")).unwrap();
        let names: Vec<String> = exact_pins(&manifest)
            .unwrap()
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(
            names,
            [
                "@tensorflow/tfjs",
                "@tensorflow/tfjs-backend-wasm",
                "brain.js",
                "convnetjs"
            ]
        );
        // The root manifest, which `cargo xtask test` installs, must not carry them.
        let root_manifest = std::fs::read_to_string(crate::root().join("package.json")).unwrap();
        for peer in ["tfjs", "convnetjs", "brain.js", "gpu.js"] {
            assert!(
                !root_manifest.contains(peer),
                "{peer} in the root package.json"
            );
        }
    }

    /// Every engine call the page's drawn frame makes (`www/app/frame.js`) is one the native benchmark
    /// runs (`tests/bench/native.rs`), so the native full frame cannot silently leave one out.
    #[test]
    fn the_native_frame_knows_every_call_of_the_pages_frame() {
        let root = crate::root();
        let frame = std::fs::read_to_string(root.join("www/app/frame.js")).unwrap();
        let native = std::fs::read_to_string(root.join("tests/bench/native.rs")).unwrap();
        let planned: Vec<&str> = frame
            .split("call: '")
            .skip(1)
            .filter_map(|rest| rest.split('\'').next())
            .collect();
        let handled: Vec<&str> = frame
            .split("case '")
            .skip(1)
            .filter_map(|rest| rest.split('\'').next())
            .collect();
        assert!(
            planned.len() >= 5,
            "frame.js's plan should name its calls ({planned:?})"
        );
        for call in &planned {
            assert!(
                handled.contains(call),
                "frame.js plans '{call}' but readFrame does not make it"
            );
            assert!(
                native.contains(&format!("\"{call}\" =>")),
                "the page's frame calls '{call}', the native benchmark does not know it"
            );
        }
    }
}
