//! Installing what the build and the tests need, idempotently, with a progress line for each check.
//!
//! Each `ensure_*` first looks, and installs only what is missing: a second run prints "ok" lines only.

use crate::cmd;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The wasm target triple the page is built for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Where the Debian packages put Chromium and its driver.
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The external tools a web build uses.
pub struct WebTools {
    /// The wasm-bindgen CLI, the exact version of the crate in Cargo.lock.
    pub wasm_bindgen: String,
    /// npm's binaryen wasm-opt (Debian's is too old to read wasm-bindgen's output).
    pub wasm_opt: PathBuf,
}

/// Everything a web build needs: the wasm target, wasm-bindgen-cli, npm dev packages (wasm-opt).
pub fn web_tools(root: &Path) -> Result<WebTools, String> {
    ensure_wasm_target()?;
    let wasm_bindgen = ensure_wasm_bindgen(root)?;
    ensure_npm_packages(root)?;
    let wasm_opt = root.join("node_modules/.bin/wasm-opt");
    Ok(WebTools {
        wasm_bindgen,
        wasm_opt,
    })
}

/// Adds the wasm32 target through rustup when it is missing.
pub fn ensure_wasm_target() -> Result<(), String> {
    match cmd::output("rustup", &["target", "list", "--installed"]) {
        Some(list) if list.lines().any(|l| l.trim() == WASM_TARGET) => {
            println!("    ok: rust target {WASM_TARGET}");
            Ok(())
        }
        Some(_) => {
            cmd::step(&format!("installing the rust target {WASM_TARGET}"));
            cmd::run(
                Command::new("rustup").args(["target", "add", WASM_TARGET]),
                Path::new("."),
            )
        }
        None => {
            println!(
                "    note: rustup not found; assuming the toolchain already has {WASM_TARGET}"
            );
            Ok(())
        }
    }
}

/// The version of the `wasm-bindgen` crate that Cargo.lock pins.
pub fn locked_wasm_bindgen_version(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("reading Cargo.lock: {e}"))?;
    locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| "Cargo.lock has no wasm-bindgen package".to_string())
}

fn locked_version(lock: &str, package: &str) -> Option<String> {
    let wanted = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim();
            return version
                .strip_prefix("version = \"")?
                .strip_suffix('"')
                .map(str::to_string);
        }
    }
    None
}

/// Installs the wasm-bindgen CLI of exactly the locked version unless it is already on PATH.
/// Returns the program name to run.
pub fn ensure_wasm_bindgen(root: &Path) -> Result<String, String> {
    let version = locked_wasm_bindgen_version(root)?;
    let wanted = format!("wasm-bindgen {version}");
    let have = cmd::output("wasm-bindgen", &["--version"]);
    let runner = cmd::output("wasm-bindgen-test-runner", &["--version"]);
    if have.as_deref() == Some(wanted.as_str()) && runner.is_some() {
        println!("    ok: wasm-bindgen-cli {version}");
        return Ok("wasm-bindgen".to_string());
    }
    match have {
        Some(other) => cmd::step(&format!(
            "wasm-bindgen-cli {version} needed (Cargo.lock) but `{other}` is installed: replacing it (about 5 minutes)"
        )),
        None => cmd::step(&format!(
            "installing wasm-bindgen-cli {version} with cargo install (about 5 minutes, once per machine)"
        )),
    }
    let locked = cmd::run(
        Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--locked",
            "--force",
        ]),
        root,
    );
    if let Err(why) = locked {
        cmd::step(&format!(
            "the --locked install failed ({why}); retrying without --locked, which resolves its dependencies anew"
        ));
        cmd::run(
            Command::new("cargo").args([
                "install",
                "wasm-bindgen-cli",
                "--version",
                &version,
                "--force",
            ]),
            root,
        )?;
    }
    match cmd::output("wasm-bindgen", &["--version"]) {
        Some(v) if v == wanted => Ok("wasm-bindgen".to_string()),
        Some(v) => Err(format!("installed wasm-bindgen-cli reports `{v}`, expected `{wanted}`; is another one earlier on PATH?")),
        None => Err("wasm-bindgen was installed but is not on PATH: add ~/.cargo/bin to PATH".to_string()),
    }
}

/// Runs `npm ci` when a pinned dev package (playwright-core, axe-core, binaryen, esbuild) is missing or at
/// another version.
pub fn ensure_npm_packages(root: &Path) -> Result<(), String> {
    let manifest = std::fs::read_to_string(root.join("package.json"))
        .map_err(|e| format!("reading package.json: {e}"))?;
    let pins = dev_dependency_pins(&manifest);
    if pins.is_empty() {
        return Err("package.json lists no devDependencies".to_string());
    }
    let missing: Vec<&(String, String)> = pins
        .iter()
        .filter(|(name, version)| installed_npm_version(root, name).as_deref() != Some(version))
        .collect();
    if missing.is_empty() {
        let list: Vec<String> = pins.iter().map(|(n, v)| format!("{n}@{v}")).collect();
        println!("    ok: npm dev packages {}", list.join(", "));
        return Ok(());
    }
    let list: Vec<String> = missing.iter().map(|(n, v)| format!("{n}@{v}")).collect();
    cmd::step(&format!(
        "installing npm dev packages ({}) with npm ci",
        list.join(", ")
    ));
    cmd::run(
        Command::new("npm").args(["ci", "--no-audit", "--no-fund"]),
        root,
    )
}

/// `(name, version)` of every exact pin under "devDependencies" in a package.json text.
fn dev_dependency_pins(manifest: &str) -> Vec<(String, String)> {
    let Some(start) = manifest.find("\"devDependencies\"") else {
        return Vec::new();
    };
    let block = &manifest[start..];
    let Some(open) = block.find('{') else {
        return Vec::new();
    };
    let Some(close) = block.find('}') else {
        return Vec::new();
    };
    block[open + 1..close]
        .split(',')
        .filter_map(|entry| {
            let (name, version) = entry.split_once(':')?;
            let unquote = |s: &str| s.trim().trim_matches('"').to_string();
            Some((unquote(name), unquote(version)))
        })
        .collect()
}

fn installed_npm_version(root: &Path, package: &str) -> Option<String> {
    let text =
        std::fs::read_to_string(root.join("node_modules").join(package).join("package.json"))
            .ok()?;
    let at = text.find("\"version\"")?;
    let rest = &text[at + "\"version\"".len()..];
    let open = rest.find('"')?;
    let close = rest[open + 1..].find('"')?;
    Some(rest[open + 1..open + 1 + close].to_string())
}

/// Paths of Chromium and chromedriver, installed from Debian's packages when missing (as root).
pub fn ensure_chromium() -> Result<(String, String), String> {
    let browser = std::env::var("CHROMIUM").unwrap_or_else(|_| CHROMIUM.to_string());
    let driver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| CHROMEDRIVER.to_string());
    if Path::new(&browser).exists() && Path::new(&driver).exists() {
        println!("    ok: {browser} and {driver}");
        return Ok((browser, driver));
    }
    let is_root = cmd::output("id", &["-u"]).as_deref() == Some("0");
    if !is_root {
        return Err(format!(
            "Chromium and its driver are needed at {browser} and {driver}: run \
             `sudo apt-get install -y chromium chromium-driver` (or set CHROMIUM and CHROMEDRIVER)"
        ));
    }
    cmd::step(
        "installing chromium and chromium-driver with apt-get (about 40 seconds, once per machine)",
    );
    cmd::run(
        Command::new("apt-get").args(["update", "-qq"]),
        Path::new("/"),
    )?;
    cmd::run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
        Path::new("/"),
    )?;
    if Path::new(&browser).exists() && Path::new(&driver).exists() {
        Ok((browser, driver))
    } else {
        Err(format!(
            "apt-get finished but {browser} or {driver} is still missing"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-test\"\nversion = \"0.3.79\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.129\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.129")
        );
        assert_eq!(locked_version(lock, "js-sys"), None);
    }

    #[test]
    fn reads_dev_dependency_pins() {
        let manifest = r#"{ "name": "x", "devDependencies": { "binaryen": "132.0.0",
            "playwright-core": "1.65.1" } }"#;
        assert_eq!(
            dev_dependency_pins(manifest),
            vec![
                ("binaryen".to_string(), "132.0.0".to_string()),
                ("playwright-core".to_string(), "1.65.1".to_string())
            ]
        );
    }

    #[test]
    fn the_repository_pins_its_wasm_bindgen_and_npm_packages() {
        let root = crate::root();
        assert!(locked_wasm_bindgen_version(&root).is_ok());
        let manifest = std::fs::read_to_string(root.join("package.json")).unwrap();
        let pins = dev_dependency_pins(&manifest);
        for package in ["playwright-core", "axe-core"] {
            assert!(
                pins.iter().any(|(name, _)| name == package),
                "{package} is pinned"
            );
        }
    }
}
