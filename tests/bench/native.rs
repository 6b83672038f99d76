//! The native side of `cargo xtask bench`: the same [`Session`] the page runs in wasm, built for the host.
//!
//! `bench_native --serve` reads one command per line on stdin and answers each with one JSON line, so the
//! Node runner (`bench/run.mjs`) can interleave native timings with the wasm build and the peers:
//!
//! - `case <config>`: a new session from the config text; `{"params": N}`.
//! - `data`: the training set exactly as the session trains on it: `{"nFeatures", "x": [row-major feature
//!   vectors], "y": [labels], "points": [x, y, label, ...]}`, for the peers and the wasm cross-check.
//! - `epochs <k>`: trains k epochs; `{"ms": wall, "cpuMs": this thread's CPU time or null}`.
//! - `frames <k> <grid> <thumb>`: k full frames (one epoch, then the output grid and every neuron's
//!   thumbnail rendered to RGBA); `{"ms", "cpuMs"}` likewise.
//! - `accuracy`: `{"trainAccuracy": a}` at the current weights.
//!
//! Errors answer `{"error": "..."}`. `bench_native profile <config> <seconds>` instead runs full frames of
//! 100×100 + 24×24 thumbnails for that long and prints the rates: a loop to attach `perf` to.

use activation_playground::dataset::features_into;
use activation_playground::training::{Session, StepOutcome};
use serde_json::json;
use std::io::{BufRead, Write};
use std::time::Instant;

const USAGE: &str = "usage: bench_native --serve | bench_native profile <config> <seconds>";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["--serve"] => serve(),
        ["profile", config, seconds] => seconds
            .parse::<f64>()
            .map_err(|e| format!("seconds: {e}"))
            .and_then(|s| profile(config, s)),
        _ => Err(USAGE.to_string()),
    };
    if let Err(message) = result {
        eprintln!("bench_native: {message}");
        std::process::exit(1);
    }
}

fn serve() -> Result<(), String> {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    let mut session: Option<Session> = None;
    for line in stdin.lock().lines() {
        let line = line.map_err(|e| format!("reading stdin: {e}"))?;
        let reply =
            answer(&mut session, line.trim()).unwrap_or_else(|message| json!({ "error": message }));
        writeln!(out, "{reply}")
            .and_then(|()| out.flush())
            .map_err(|e| format!("writing stdout: {e}"))?;
    }
    Ok(())
}

fn answer(session: &mut Option<Session>, line: &str) -> Result<serde_json::Value, String> {
    let (command, rest) = line.split_once(' ').unwrap_or((line, ""));
    if command == "case" {
        let s = Session::from_config(rest).map_err(|e| e.to_string())?;
        let params = s.network().params().len();
        *session = Some(s);
        return Ok(json!({ "params": params }));
    }
    let s = session
        .as_mut()
        .ok_or("no session: send `case <config>` first")?;
    let numbers: Vec<usize> = rest
        .split_whitespace()
        .map(|w| w.parse::<usize>().map_err(|e| format!("'{w}': {e}")))
        .collect::<Result<_, _>>()?;
    match (command, &numbers[..]) {
        ("data", []) => Ok(data(s)),
        ("epochs", &[k]) => {
            let k = u32::try_from(k).map_err(|e| e.to_string())?;
            timed(|| trained(&s.step(k)))
        }
        ("frames", &[k, grid, thumb]) => timed(|| {
            for _ in 0..k {
                trained(&s.step(1))?;
                s.render(grid, thumb, false).map_err(|e| e.to_string())?;
            }
            Ok(())
        }),
        ("accuracy", []) => Ok(json!({ "trainAccuracy": s.stats().train_accuracy })),
        _ => Err(format!("unknown command '{line}'")),
    }
}

/// Runs `work`, answering its wall-clock time and this thread's CPU time in milliseconds.
fn timed(work: impl FnOnce() -> Result<(), String>) -> Result<serde_json::Value, String> {
    let cpu = thread_cpu_ns();
    let started = Instant::now();
    work()?;
    let ms = started.elapsed().as_secs_f64() * 1e3;
    let cpu_ms = cpu
        .zip(thread_cpu_ns())
        .map(|(a, b)| b.saturating_sub(a) as f64 / 1e6);
    Ok(json!({ "ms": ms, "cpuMs": cpu_ms }))
}

/// CPU time of this thread in nanoseconds, from Linux's `/proc/thread-self/schedstat` (its first field);
/// `None` elsewhere. On a machine shared with other work it is the steadier measure: time waiting for a
/// core does not count.
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

fn trained(outcome: &StepOutcome) -> Result<(), String> {
    match outcome.divergence() {
        None => Ok(()),
        Some(d) => Err(format!("diverged: {d}")),
    }
}

/// The training set as the session sees it: points and their feature vectors.
fn data(s: &Session) -> serde_json::Value {
    let features = &s.config().features;
    let train = &s.dataset().train;
    let mut x = vec![0.0f32; train.len() * features.len()];
    for (p, row) in train.iter().zip(x.chunks_exact_mut(features.len())) {
        features_into(features, p.x, p.y, row);
    }
    let y: Vec<f32> = train.iter().map(|p| p.label).collect();
    let points: Vec<f32> = train.iter().flat_map(|p| [p.x, p.y, p.label]).collect();
    json!({ "nFeatures": features.len(), "x": x, "y": y, "points": points })
}

fn profile(config: &str, seconds: f64) -> Result<(), String> {
    let mut s = Session::from_config(config).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut frames = 0u64;
    while started.elapsed().as_secs_f64() < seconds {
        trained(&s.step(1))?;
        s.render(100, 24, false).map_err(|e| e.to_string())?;
        frames += 1;
    }
    let ms = started.elapsed().as_secs_f64() * 1e3 / frames as f64;
    println!("{frames} frames, {ms:.4} ms per frame (one epoch + 100x100 grid + 24x24 thumbnails)");
    Ok(())
}
