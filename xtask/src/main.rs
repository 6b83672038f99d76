//! `cargo xtask`: build, serve, test and benchmark Activation Playground.
//!
//! Two commands do all the set-up on a fresh Debian machine: `cargo xtask serve` builds and serves the page,
//! `cargo xtask test` runs every test. Each installs what it needs (idempotently) and says so as it goes.

mod bench;
mod cmd;
mod dist;
mod serve;
mod setup;
mod test;
mod web;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  serve [--port N]   build the page in release and serve www/ at http://127.0.0.1:N (default 8080)
  test               fmt, clippy (host and wasm32), native tests, wasm tests in Node and Chromium, e2e
  build              build the page into www/pkg/ without serving it
  dist [--out DIR]   the production folder (default target/dist): bundled, minified, content-hashed,
                     for any static host and any sub-path; prints its payload, raw and gzip -9
  bench [--browser]  train the same configs as tfjs and convnetjs, ours in wasm and native: ms per epoch,
                     frame ms, wasm/native (target/bench/results.json); --browser: the page's frame time,
                     epochs per second, first trained frame and payload in headless Chromium, and first
                     loads of www/ and of the dist folder (gzipped) on three emulated networks";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => parse_port(&args[1..]).and_then(serve::run),
        Some("test") => no_options("test", &args[1..]).and_then(|()| test::run()),
        Some("build") => no_options("build", &args[1..]).and_then(|()| {
            let root = root();
            let tools = setup::web_tools(&root)?;
            web::build(&root, &tools)
        }),
        Some("dist") => parse_out(&args[1..]).and_then(dist::run),
        Some("bench") => bench::parse(&args[1..]).and_then(bench::run),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn no_options(command: &str, rest: &[String]) -> Result<(), String> {
    match rest.first() {
        None => Ok(()),
        Some(extra) => Err(format!("'{command}' takes no option '{extra}'\n\n{USAGE}")),
    }
}

fn parse_port(rest: &[String]) -> Result<u16, String> {
    match rest {
        [] => Ok(8080),
        [flag, value] if flag == "--port" => value
            .parse::<u16>()
            .ok()
            .filter(|&p| p != 0)
            .ok_or_else(|| format!("--port takes a number from 1 to 65535, got '{value}'")),
        _ => Err(USAGE.to_string()),
    }
}

fn parse_out(rest: &[String]) -> Result<Option<PathBuf>, String> {
    match rest {
        [] => Ok(None),
        [flag, value] if flag == "--out" && !value.is_empty() => Ok(Some(PathBuf::from(value))),
        _ => Err(format!("'dist' takes only --out DIR\n\n{USAGE}")),
    }
}

/// The repository root: the parent of this crate's manifest directory.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the repository root")
        .to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_defaults_and_validates() {
        assert_eq!(parse_port(&[]), Ok(8080));
        assert_eq!(parse_port(&["--port".into(), "9000".into()]), Ok(9000));
        assert!(parse_port(&["--port".into(), "0".into()]).is_err());
        assert!(parse_port(&["--port".into(), "70000".into()]).is_err());
        assert!(parse_port(&["--prot".into(), "80".into()]).is_err());
    }

    #[test]
    fn dist_takes_an_optional_folder() {
        assert_eq!(parse_out(&[]), Ok(None));
        assert_eq!(
            parse_out(&["--out".into(), "site".into()]),
            Ok(Some(PathBuf::from("site")))
        );
        assert!(parse_out(&["--out".into()]).is_err());
        assert!(parse_out(&["site".into()]).is_err());
    }
}
