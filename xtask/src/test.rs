//! `cargo xtask test`: every check, in order, stopping at the first failure with a clear line.

use crate::setup::WASM_TARGET;
use crate::{cmd, dist, serve, setup, web};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Tests counted per layer, so a layer that silently ran nothing fails the run.
struct Tally {
    layers: Vec<(&'static str, Count)>,
}

#[derive(Clone, Copy, Default, Debug, PartialEq)]
struct Count {
    passed: u32,
    failed: u32,
}

pub fn run() -> Result<(), String> {
    let started = Instant::now();
    let root = crate::root();
    let root = root.as_path();
    let total_steps = 10;
    let mut n = 0;
    let mut next = |what: &str| {
        n += 1;
        cmd::step(&format!("[{n}/{total_steps}] {what}"));
    };
    let mut tally = Tally { layers: Vec::new() };

    next("tools: rust target, wasm-bindgen-cli, npm dev packages, Chromium");
    let tools = setup::web_tools(root)?;
    let (chromium, chromedriver) = setup::ensure_chromium()?;

    next("formatting: cargo fmt --check");
    check(
        "cargo fmt --check",
        cmd::run(
            Command::new("cargo").args(["fmt", "--all", "--check"]),
            root,
        ),
    )?;

    next("lints (host): cargo clippy -D warnings");
    check(
        "clippy (host)",
        cmd::run(
            Command::new("cargo").args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
            root,
        ),
    )?;

    next("lints (wasm32): cargo clippy -D warnings");
    check(
        "clippy (wasm32)",
        cmd::run(
            Command::new("cargo").args([
                "clippy",
                "--package",
                web::CRATE,
                "--lib",
                "--tests",
                "--target",
                WASM_TARGET,
                "--",
                "-D",
                "warnings",
            ]),
            root,
        ),
    )?;

    next("page unit tests: node --test tests/unit/ (the pure www/ modules and the page's tidy checks)");
    let out = check(
        "page unit tests",
        cmd::run_capturing(
            Command::new("node")
                .args(["--test", "--test-concurrency=1"])
                .args(test_files(root, "unit")?),
            root,
        ),
    )?;
    tally.layers.push(("js-unit", node_count(&out)));

    next("native tests: cargo test --workspace");
    let out = check(
        "native tests",
        cmd::run_capturing(Command::new("cargo").args(["test", "--workspace"]), root),
    )?;
    tally.layers.push(("native", cargo_count(&out)));

    next("wasm tests in Node (including the memory soak): wasm-bindgen-test-runner");
    let out = check(
        "wasm tests in Node",
        cmd::run_capturing(
            wasm_test_command(&["wasm_node", "wasm_memory"]).env_remove("CHROMEDRIVER"),
            root,
        ),
    )?;
    tally.layers.push(("wasm-node", cargo_count(&out)));

    next("wasm tests in headless Chromium: wasm-bindgen-test-runner + chromedriver");
    let out = check(
        "wasm tests in Chromium",
        cmd::run_capturing(
            wasm_test_command(&["wasm_browser"])
                .env("CHROMEDRIVER", &chromedriver)
                .env("WASM_BINDGEN_TEST_TIMEOUT", "180")
                .env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "60"),
            root,
        ),
    )?;
    tally.layers.push(("wasm-chromium", cargo_count(&out)));

    next("page build: release wasm, wasm-bindgen, wasm-opt");
    check("page build", web::build(root, &tools))?;

    next("end-to-end tests: the production folder, then the served page in headless Chromium (playwright-core)");
    let dist_dir = dist::test_folder();
    let files = check("production folder", dist::build(root, &dist_dir))?;
    dist::print_payload(&files);
    let listener = serve::bind(0)?;
    let (port, _server) = serve::spawn(listener, root.join("www"))?;
    println!("    serving www/ at http://127.0.0.1:{port}/ for the e2e tests");
    let out = check(
        "end-to-end tests",
        cmd::run_capturing(
            Command::new("node")
                .args(["--test", "--test-concurrency=1"])
                .args(test_files(root, "e2e")?)
                .env("BASE_URL", format!("http://127.0.0.1:{port}"))
                .env("DIST_DIR", &dist_dir)
                .env("CHROMIUM", &chromium),
            root,
        ),
    );
    let _ = std::fs::remove_dir_all(&dist_dir);
    let out = out?;
    tally.layers.push(("e2e", node_count(&out)));

    summarise(&tally, started.elapsed().as_secs_f64())
}

fn check<T>(what: &str, result: Result<T, String>) -> Result<T, String> {
    result.map_err(|why| format!("FAILED at step '{what}': {why}"))
}

/// `cargo test` of the wasm test targets `tests` (files in tests/), run by wasm-bindgen-test-runner.
fn wasm_test_command(tests: &[&str]) -> Command {
    let mut command = Command::new("cargo");
    command.args(["test", "--package", web::CRATE, "--target", WASM_TARGET]);
    for test in tests {
        command.args(["--test", test]);
    }
    command
}

/// The node test files `tests/<dir>/*.test.mjs`, sorted.
fn test_files(root: &Path, dir: &str) -> Result<Vec<String>, String> {
    let dir = root.join("tests").join(dir);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no *.test.mjs files in {}", dir.display()));
    }
    Ok(files)
}

/// Sums cargo's `test result: ok. N passed; M failed` lines.
fn cargo_count(output: &str) -> Count {
    let mut count = Count::default();
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            continue;
        };
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            if let (Some(number), Some(word)) = (words.next(), words.next()) {
                let Ok(number) = number.parse::<u32>() else {
                    continue;
                };
                match word {
                    "passed" => count.passed += number,
                    "failed" => count.failed += number,
                    _ => {}
                }
            }
        }
    }
    count
}

/// Reads node's test runner summary: `ℹ pass N` and `ℹ fail N`.
fn node_count(output: &str) -> Count {
    let mut count = Count::default();
    for line in output.lines() {
        let mut words = line.split_whitespace();
        let (Some(_), Some(key), Some(value)) = (words.next(), words.next(), words.next()) else {
            continue;
        };
        let Ok(value) = value.parse::<u32>() else {
            continue;
        };
        match key {
            "pass" => count.passed = value,
            "fail" => count.failed = value,
            _ => {}
        }
    }
    count
}

fn summarise(tally: &Tally, seconds: f64) -> Result<(), String> {
    println!("\n==> summary ({seconds:.0} s)");
    let mut total = Count::default();
    for (layer, count) in &tally.layers {
        println!(
            "    {layer:<14} {:>5} passed, {} failed",
            count.passed, count.failed
        );
        total.passed += count.passed;
        total.failed += count.failed;
    }
    if let Some((layer, _)) = tally.layers.iter().find(|(_, c)| c.passed == 0) {
        return Err(format!("FAILED: the {layer} layer ran no test"));
    }
    println!("total: {} passed, {} failed", total.passed, total.failed);
    if total.failed > 0 {
        return Err(format!("{} tests failed", total.failed));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cargo_results() {
        let out = "test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
                   running 3 tests\n\
                   test result: ok. 3 passed; 1 failed; 0 ignored\n";
        assert_eq!(
            cargo_count(out),
            Count {
                passed: 15,
                failed: 1
            }
        );
    }

    #[test]
    fn counts_node_results() {
        let out = "ℹ tests 5\nℹ suites 0\nℹ pass 4\nℹ fail 1\nℹ cancelled 0\n";
        assert_eq!(
            node_count(out),
            Count {
                passed: 4,
                failed: 1
            }
        );
    }

    #[test]
    fn a_silent_layer_fails_the_run() {
        let tally = Tally {
            layers: vec![
                (
                    "native",
                    Count {
                        passed: 3,
                        failed: 0,
                    },
                ),
                ("e2e", Count::default()),
            ],
        };
        assert!(summarise(&tally, 1.0).unwrap_err().contains("e2e"));
    }
}
