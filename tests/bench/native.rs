//! The native side of `cargo xtask bench`: the same [`Session`] the page runs in wasm, built for the host.
//!
//! `bench_native --serve` reads one command per line on stdin and answers each with one JSON line, so the
//! Node runner (`bench/run.mjs`) can interleave native timings with the wasm build and the peers:
//!
//! - `case <config>`: a new session from the config text; `{"params": N}`.
//! - `data`: the training set exactly as the session trains on it: `{"nFeatures", "x": [row-major feature
//!   vectors], "y": [labels], "points": [x, y, label, ...]}`, for the peers and the wasm cross-check.
//! - `epochs <k>`: trains k epochs; `{"ms": wall, "cpuMs": this thread's CPU time or null}`.
//! - `plan <speed> <budgetMs> <json>`: the page's frame: its training (up to `speed` epochs, in the chunks
//!   of the page's loop, `www/playground/loop.js`'s `trainFrame`, within `budgetMs`) and the engine calls of
//!   its drawn frame, a JSON list `[{"call": "render", "grid", "thumb", "discretize"}, {"call": "statsJson"},
//!   {"call": "weights", "layer"}, {"call": "biases", "layer"}, {"call": "histogram", "layer", "min", "max",
//!   "bins"}]` as `www/playground/frame.js`'s `framePlan` makes it; a call it does not know is an error, so
//!   the page cannot gain a call the native frame leaves out. `{"calls": N}`.
//! - `frames <k>`: k such frames (the training, the layer sizes, the plan's calls in order);
//!   `{"ms", "cpuMs", "epochs": epochs trained}`.
//! - `accuracy`: `{"trainAccuracy": a}` at the current weights.
//!
//! Errors answer `{"error": "..."}`. `bench_native profile <config> <seconds>` instead runs frames of one
//! epoch and the page's pictures ([`GRID`], [`THUMB`], statistics, the last hidden layer's histogram) for that
//! long and prints the rates: a loop to attach `perf` to.

use activation_playground::dataset::features_into;
use activation_playground::render::{FRAME_GRID as GRID, FRAME_THUMB as THUMB};
use activation_playground::training::{Session, StepOutcome};
use serde_json::json;
use std::hint::black_box;
use std::io::{BufRead, Write};
use std::time::{Duration, Instant};

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
    let mut frame: Option<Frame> = None;
    for line in stdin.lock().lines() {
        let line = line.map_err(|e| format!("reading stdin: {e}"))?;
        let reply = answer(&mut session, &mut frame, line.trim())
            .unwrap_or_else(|message| json!({ "error": message }));
        writeln!(out, "{reply}")
            .and_then(|()| out.flush())
            .map_err(|e| format!("writing stdout: {e}"))?;
    }
    Ok(())
}

fn answer(
    session: &mut Option<Session>,
    frame: &mut Option<Frame>,
    line: &str,
) -> Result<serde_json::Value, String> {
    let (command, rest) = line.split_once(' ').unwrap_or((line, ""));
    if command == "case" {
        let s = Session::from_config(rest).map_err(|e| e.to_string())?;
        let params = s.network().params().len();
        *session = Some(s);
        *frame = None;
        return Ok(json!({ "params": params }));
    }
    if command == "plan" {
        let f = Frame::parse(rest)?;
        let calls = f.calls.len();
        *frame = Some(f);
        return Ok(json!({ "calls": calls }));
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
        ("frames", &[k]) => {
            let f = frame.as_ref().ok_or("no frame: send `plan ...` first")?;
            let mut epochs = 0u64;
            let mut reply = timed(|| {
                for _ in 0..k {
                    epochs += f.run(s)?;
                }
                Ok(())
            })?;
            reply["epochs"] = json!(epochs);
            Ok(reply)
        }
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

/// One engine call of the page's drawn frame (see `www/playground/frame.js`).
#[derive(Debug, Clone, PartialEq)]
enum Call {
    Render {
        grid: usize,
        thumb: usize,
        discretize: bool,
    },
    StatsJson,
    Weights(usize),
    Biases(usize),
    Histogram {
        layer: usize,
        min: f32,
        max: f32,
        bins: usize,
    },
}

/// The page's frame: its training rule and the calls of its drawn frame.
#[derive(Debug, Clone, PartialEq)]
struct Frame {
    speed: u32,
    budget: Duration,
    calls: Vec<Call>,
}

impl Frame {
    /// Reads `<speed> <budgetMs> <json list of calls>`.
    fn parse(text: &str) -> Result<Frame, String> {
        let mut parts = text.splitn(3, ' ');
        let speed: u32 = parts
            .next()
            .unwrap_or("")
            .parse()
            .map_err(|e| format!("plan speed: {e}"))?;
        let budget_ms: f64 = parts
            .next()
            .unwrap_or("")
            .parse()
            .map_err(|e| format!("plan budget: {e}"))?;
        if speed == 0 || !(budget_ms > 0.0 && budget_ms.is_finite()) {
            return Err(format!(
                "plan: speed must be ≥ 1 and the budget a positive number of ms, got {speed} and {budget_ms}"
            ));
        }
        let list: Vec<serde_json::Value> = serde_json::from_str(parts.next().unwrap_or(""))
            .map_err(|e| format!("plan calls: {e}"))?;
        let calls = list.iter().map(call).collect::<Result<_, _>>()?;
        Ok(Frame {
            speed,
            budget: Duration::from_secs_f64(budget_ms / 1e3),
            calls,
        })
    }

    /// One frame on `s`: the training, the layer sizes, then every call in order; the epochs trained.
    fn run(&self, s: &mut Session) -> Result<u64, String> {
        let epochs = train_frame(s, self.speed, self.budget)?;
        black_box(s.network().sizes().to_vec());
        for c in &self.calls {
            match *c {
                Call::Render {
                    grid,
                    thumb,
                    discretize,
                } => s
                    .render(grid, thumb, discretize)
                    .map_err(|e| e.to_string())?,
                Call::StatsJson => {
                    black_box(s.stats().to_json());
                }
                Call::Weights(layer) => {
                    black_box(s.network().weights(layer).to_vec());
                }
                Call::Biases(layer) => {
                    black_box(s.network().biases(layer).to_vec());
                }
                Call::Histogram {
                    layer,
                    min,
                    max,
                    bins,
                } => {
                    black_box(
                        s.histogram(layer, min, max, bins)
                            .map_err(|e| e.to_string())?,
                    );
                }
            }
        }
        Ok(u64::from(epochs))
    }
}

/// One call of a plan's JSON list.
fn call(v: &serde_json::Value) -> Result<Call, String> {
    let name = v["call"].as_str().unwrap_or("");
    let whole = |key: &str| {
        v[key]
            .as_u64()
            .map(|n| n as usize)
            .ok_or_else(|| format!("frame call {name}: '{key}' must be a whole number"))
    };
    let number = |key: &str| {
        v[key]
            .as_f64()
            .map(|x| x as f32)
            .ok_or_else(|| format!("frame call {name}: '{key}' must be a number"))
    };
    Ok(match name {
        "render" => Call::Render {
            grid: whole("grid")?,
            thumb: whole("thumb")?,
            discretize: v["discretize"].as_bool().unwrap_or(false),
        },
        "statsJson" => Call::StatsJson,
        "weights" => Call::Weights(whole("layer")?),
        "biases" => Call::Biases(whole("layer")?),
        "histogram" => Call::Histogram {
            layer: whole("layer")?,
            min: number("min")?,
            max: number("max")?,
            bins: whole("bins")?,
        },
        _ => {
            return Err(format!(
            "the native frame does not know the page's call '{v}': add it to tests/bench/native.rs"
        ))
        }
    })
}

/// The page loop's training of one frame (`trainFrame` in `www/playground/loop.js`): up to `speed` epochs in
/// chunks that double while each takes under an eighth of `budget`, no new chunk once `budget` has passed.
fn train_frame(s: &mut Session, speed: u32, budget: Duration) -> Result<u32, String> {
    let start = Instant::now();
    let (mut done, mut chunk) = (0u32, 1u32);
    while done < speed && start.elapsed() < budget {
        let n = chunk.min(speed - done);
        let t0 = Instant::now();
        trained(&s.step(n))?;
        done += n;
        if t0.elapsed() < budget / 8 {
            chunk *= 2;
        }
    }
    Ok(done)
}

fn profile(config: &str, seconds: f64) -> Result<(), String> {
    let mut s = Session::from_config(config).map_err(|e| e.to_string())?;
    let hidden = s.network().n_layers() - 1;
    let started = Instant::now();
    let mut frames = 0u64;
    while started.elapsed().as_secs_f64() < seconds {
        trained(&s.step(1))?;
        s.render(GRID, THUMB, false).map_err(|e| e.to_string())?;
        black_box(s.stats().to_json());
        if hidden > 0 {
            black_box(
                s.histogram(hidden - 1, -6.0, 6.0, 60)
                    .map_err(|e| e.to_string())?,
            );
        }
        frames += 1;
    }
    let ms = started.elapsed().as_secs_f64() * 1e3 / frames as f64;
    println!(
        "{frames} frames, {ms:.4} ms per frame (one epoch, {GRID}x{GRID} grid, {THUMB}x{THUMB} thumbnails, \
         statistics, histogram)"
    );
    Ok(())
}
