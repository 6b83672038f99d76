//! The web build: release wasm → wasm-bindgen `--target web` into `www/pkg/` → npm binaryen's wasm-opt.

use crate::cmd;
use crate::setup::{WebTools, WASM_TARGET};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The crate whose cdylib is the page's wasm module.
pub const CRATE: &str = "activation-playground";
pub const ARTIFACT: &str = "activation_playground";

/// The cargo target directory, honouring `CARGO_TARGET_DIR`.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { root.join(p) })
        .unwrap_or_else(|| root.join("target"))
}

/// Builds the page's wasm module into `www/pkg/` and prints its raw and gzipped sizes.
pub fn build(root: &Path, tools: &WebTools) -> Result<(), String> {
    cmd::step("building the wasm module (release)");
    cmd::run(
        Command::new("cargo").args([
            "build",
            "--release",
            "--lib",
            "--package",
            CRATE,
            "--target",
            WASM_TARGET,
        ]),
        root,
    )?;
    let wasm = target_dir(root)
        .join(WASM_TARGET)
        .join("release")
        .join(format!("{ARTIFACT}.wasm"));
    check_unwanted(&wasm)?;
    let pkg = root.join("www").join("pkg");
    cmd::step("generating the JS bindings into www/pkg/");
    cmd::run(
        Command::new(&tools.wasm_bindgen)
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(&pkg)
            .arg(&wasm),
        root,
    )?;
    let bg = pkg.join(format!("{ARTIFACT}_bg.wasm"));
    let before = file_size(&bg)?;
    cmd::step("shrinking the wasm with wasm-opt -O3");
    cmd::run(
        Command::new(&tools.wasm_opt)
            .args([
                "-O3",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
                "--enable-simd",
                // The toolchain's name and the feature list are for tools, not browsers.
                "--strip-producers",
                "--strip-target-features",
            ])
            .arg(&bg)
            .arg("-o")
            .arg(&bg),
        root,
    )?;
    let after = file_size(&bg)?;
    println!(
        "    wasm: {} bytes from wasm-bindgen, {} bytes after wasm-opt",
        before, after
    );
    Ok(())
}

/// Parts of core and std the core's own code stands in for, found by name in the module's name section,
/// with what brings each back. Each costs the gzipped wasm kilobytes (the float formatter about 10 KB,
/// the slicing message with its Unicode tables about 4 KB), and nothing else would notice it.
const UNWANTED: [(&str, &str); 2] = [
    (
        "flt2dec",
        "core's float formatter is linked: some f32 or f64 is written with `{}`, `{:?}` or `{:.N}`; \
         write it with float::Plain or float::Exp",
    ),
    (
        "slice_error_fail",
        "core's str slicing panic is linked: some str is sliced by index (`&s[i..]`); use strip_prefix, \
         split_once or get",
    ),
];

/// Fails the build when the release module links one of [`UNWANTED`].
fn check_unwanted(wasm: &Path) -> Result<(), String> {
    let bytes = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let has = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    if !has(ARTIFACT) {
        println!(
            "    (no name section in the module: the check for unwanted core parts is skipped)"
        );
        return Ok(());
    }
    let found: Vec<&str> = UNWANTED
        .iter()
        .filter(|(name, _)| has(name))
        .map(|(_, why)| *why)
        .collect();
    if found.is_empty() {
        Ok(())
    } else {
        Err(found.join("\n"))
    }
}

fn file_size(path: &Path) -> Result<u64, String> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}
