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

fn file_size(path: &Path) -> Result<u64, String> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}
