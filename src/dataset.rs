//! Data sets: seeded generators over the domain [−6, 6]², the train/test split, user-edited points and
//! the input features a network sees.
//!
//! Every generator has the same shape, `fn(n, noise, rng, out)`: it appends `n` points to `out`, with
//! `noise` the config's percentage as a fraction in [0, 0.5]. [`Dataset::generate`] then shuffles all
//! points with the same seeded stream and cuts the first `round(n · train %)` off as the training set.
//!
//! Labels: class indices 0., 1. (and 2.) as f32 for classification, where TF Playground's "+1" class is
//! class 1 and its "−1" class is class 0; a target in [−1, 1] for regression.
//!
//! The formulas (TF Playground's for its six sets, ours for the rest; r = radius, θ = angle, U = uniform):
//!
//! | set          | points                                                   | label                                   | noise                                       |
//! |--------------|----------------------------------------------------------|-----------------------------------------|---------------------------------------------|
//! | circle       | n/2 with r ~ U(0, 2.5), n/2 with r ~ U(3.5, 5), θ ~ U(0, 2π) | 1 if the *noisy* point has r < 2.5     | noisy point = point + (U(−5, 5), U(−5, 5)) · noise; only the label sees it |
//! | xor          | x, y ~ U(−5, 5), each pushed 0.3 away from its axis      | 1 if x·y ≥ 0 for the noisy point       | as circle                                   |
//! | gauss        | n/2 ~ N((2, 2), σ²), n/2 ~ N((−2, −2), σ²)               | 1 for the (2, 2) cloud                 | σ² = 0.5 + 7 · noise (0.5 … 4)              |
//! | spiral       | two arms of n/2: r = 5i/m, θ = 1.75 · 2π · i/m (+π)      | 1 for the first arm                    | position + (U(−1, 1), U(−1, 1)) · noise                |
//! | moons        | two half-moons (cos t, sin t), (1 − cos t, ½ − sin t), t ~ U(0, π), centred and scaled ×3 | which moon | position + N(0, (1.5 · noise)²)   |
//! | checkerboard | x, y ~ U(−6, 6) on a 4×4 board of 3×3 cells              | parity of the noisy point's cell       | noisy point = point + (U(−3, 3), U(−3, 3)) · noise |
//! | blobs3       | n/3 each ~ N(cₖ, σ²), cₖ on a circle of radius 3.5 at 90°, 210°, 330° | k                       | σ² as gauss                                 |
//! | spiral3      | three arms of n/3: r = 5i/m, θ = 1.25 · 2π · i/m + 2πk/3 | k                                      | as spiral                                   |
//! | plane        | x, y ~ U(−6, 6)                                          | (x + y)/12 of the noisy point, clamped to [−1, 1] | noisy point = point + (U(−6, 6), U(−6, 6)) · noise |
//! | multigauss   | x, y ~ U(−6, 6)                                          | the strongest of six signed cones s · max(0, 1 − d/2) at (±4 or 0, ±2.5) | as plane |
//!
//! Deviations from TF Playground, on purpose: a point whose Gaussian draw (gauss, blobs3) or jitter
//! (moons) leaves the domain is drawn again, so every generated point lies in [−6, 6]²; plane divides by
//! 12 rather than 10 so its targets span exactly [−1, 1]; spiral3 winds 1.25 turns instead of 1.75 so
//! its three arms stay as far apart as the two arms of spiral. multigauss uses TF's formula, which is a
//! cone of radius 2 despite its name. Random numbers are drawn the same way whatever the noise, so
//! changing only the noise keeps the positions of circle, xor, checkerboard, plane and multigauss.

use core::f32::consts::{PI, TAU};

use crate::config::{Config, DatasetKind, Feature};
use crate::error::Error;
use crate::float::Plain;
use crate::rng::Rng;

/// Lower bound of both coordinates.
pub const DOMAIN_MIN: f32 = -6.0;
/// Upper bound of both coordinates.
pub const DOMAIN_MAX: f32 = 6.0;
/// Most points a data set holds (see [`Config::MAX_DATA_POINTS`]).
pub const MAX_POINTS: usize = Config::MAX_DATA_POINTS;

/// One sample: a position in the domain and its label.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// First coordinate, in [−6, 6].
    pub x: f32,
    /// Second coordinate, in [−6, 6].
    pub y: f32,
    /// Class index (0., 1., 2.) or regression target in [−1, 1].
    pub label: f32,
}

/// A data set split into training and test points.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Which generator made it (fixes the label kind and the class count).
    pub kind: DatasetKind,
    /// Points the network trains on (user-added points go here).
    pub train: Vec<Point>,
    /// Held-out points for the test loss and accuracy.
    pub test: Vec<Point>,
}

impl Dataset {
    /// Generates `config.points` points of `config.dataset` with `config.noise`, shuffles them and splits
    /// them by `config.train`, then applies `config.edits` (removed generated points are dropped, added
    /// points join the training set after the remaining generated ones). Deterministic: a pure function
    /// of those settings and `config.seed` (it draws from `Rng::new(seed).fork(Rng::DATA)` only).
    pub fn generate(config: &Config) -> Dataset {
        let mut data = Dataset::generate_unedited(config);
        let edits = &config.edits;
        if edits.is_empty() {
            return data;
        }
        let n_train = data.train.len();
        let mut index = 0..;
        data.train
            .retain(|_| edits.keeps(index.next().unwrap_or(0)));
        let mut index = n_train..;
        data.test.retain(|_| edits.keeps(index.next().unwrap_or(0)));
        for p in &edits.added {
            let (x, y, label) = p.values();
            // Config::check_edits keeps these valid; a point that is not is skipped, never trusted.
            let _ = data.add_point(Point { x, y, label });
        }
        data
    }

    /// Training points of the generated set, before edits: `round(points · train %)`.
    pub fn generated_train_len(config: &Config) -> usize {
        (config.points as usize * config.train as usize + 50) / 100
    }

    /// The generated set, without `config.edits`.
    fn generate_unedited(config: &Config) -> Dataset {
        let mut rng = Rng::new(config.seed).fork(Rng::DATA);
        let n = config.points as usize;
        let noise = config.noise as f32 / 100.0;
        let mut points = Vec::with_capacity(n);
        let generator = match config.dataset {
            DatasetKind::Circle => circle,
            DatasetKind::Xor => xor,
            DatasetKind::Gauss => gauss,
            DatasetKind::Spiral => spiral,
            DatasetKind::Moons => moons,
            DatasetKind::Checkerboard => checkerboard,
            DatasetKind::Blobs3 => blobs3,
            DatasetKind::Spiral3 => spiral3,
            DatasetKind::Plane => plane,
            DatasetKind::MultiGauss => multigauss,
        };
        generator(n, noise, &mut rng, &mut points);
        debug_assert_eq!(points.len(), n);
        rng.shuffle(&mut points);
        let n_train = Dataset::generated_train_len(config);
        let test = points.split_off(n_train.min(n));
        Dataset {
            kind: config.dataset,
            train: points,
            test,
        }
    }

    /// Number of classes: 2 or 3; 1 for regression.
    pub fn n_classes(&self) -> usize {
        self.kind.n_classes()
    }

    /// Number of points, train and test.
    pub fn len(&self) -> usize {
        self.train.len() + self.test.len()
    }

    /// True when there are no points at all (after [`Dataset::clear`]).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds a user point to the training set. Errors, naming the problem, when a coordinate is not
    /// finite or outside [−6, 6], when the label is not a class of this set (or, for regression, not a
    /// target in [−1, 1]), or when the set already holds [`MAX_POINTS`] points.
    pub fn add_point(&mut self, p: Point) -> Result<(), Error> {
        self.check_point(p)?;
        // −0 would print as "-0"; a class index or target of zero is plain zero.
        let label = if p.label == 0.0 { 0.0 } else { p.label };
        self.train.push(Point { label, ..p });
        Ok(())
    }

    /// What [`Dataset::add_point`] would refuse `p` for, if anything.
    pub fn check_point(&self, p: Point) -> Result<(), Error> {
        for (name, v) in [("x", p.x), ("y", p.y)] {
            if !v.is_finite() {
                return Err(Error::new(format!(
                    "{name} is {}; a point needs finite coordinates",
                    Plain(v)
                )));
            }
            if !(DOMAIN_MIN..=DOMAIN_MAX).contains(&v) {
                return Err(Error::new(format!(
                    "{name} = {} is outside the domain: both coordinates must lie in [{}, {}]",
                    Plain(v),
                    Plain(DOMAIN_MIN),
                    Plain(DOMAIN_MAX)
                )));
            }
        }
        let kind = self.kind.name();
        if self.kind.is_regression() {
            if !(p.label.is_finite() && (-1.0..=1.0).contains(&p.label)) {
                return Err(Error::new(format!(
                    "label {} is not a target of {kind}: use a number in [-1, 1]",
                    Plain(p.label)
                )));
            }
        } else {
            let n = self.n_classes();
            let is_class = p.label.is_finite()
                && p.label.fract() == 0.0
                && p.label >= 0.0
                && p.label < n as f32;
            if !is_class {
                let classes = if n == 2 { "0 or 1" } else { "0, 1 or 2" };
                return Err(Error::new(format!(
                    "label {} is not a class of {kind}: use {classes}",
                    Plain(p.label)
                )));
            }
        }
        if self.len() >= MAX_POINTS {
            return Err(Error::new(format!(
                "the data set is full ({MAX_POINTS} points); remove some first"
            )));
        }
        Ok(())
    }

    /// Removes and returns the point (train or test) nearest to (x, y) if it lies within `radius`
    /// (inclusive); the training set wins ties. `None` when nothing is that close, or when an argument is
    /// not finite or the radius is negative. Keeps the order of the remaining points.
    pub fn remove_nearest(&mut self, x: f32, y: f32, radius: f32) -> Option<Point> {
        let (train, index) = self.nearest(x, y, radius)?;
        let set = if train {
            &mut self.train
        } else {
            &mut self.test
        };
        Some(set.remove(index))
    }

    /// Where the point [`Dataset::remove_nearest`] would remove lies: `(true, i)` for `train[i]`,
    /// `(false, i)` for `test[i]`.
    pub fn nearest(&self, x: f32, y: f32, radius: f32) -> Option<(bool, usize)> {
        if !(x.is_finite() && y.is_finite() && radius.is_finite() && radius >= 0.0) {
            return None;
        }
        let nearest_in = |points: &[Point]| {
            points
                .iter()
                .map(|p| (p.x - x) * (p.x - x) + (p.y - y) * (p.y - y))
                .enumerate()
                .fold(None, |best: Option<(usize, f32)>, (i, d2)| match best {
                    Some((_, b)) if b <= d2 => best,
                    _ => Some((i, d2)),
                })
        };
        let in_train = nearest_in(&self.train);
        let in_test = nearest_in(&self.test);
        let (train, (idx, d2)) = match (in_train, in_test) {
            (Some(a), Some(b)) if b.1 < a.1 => (false, b),
            (Some(a), _) => (true, a),
            (None, Some(b)) => (false, b),
            (None, None) => return None,
        };
        (d2 <= radius * radius).then_some((train, idx))
    }

    /// Removes every point, generated and added, so a person can draw a set from scratch.
    pub fn clear(&mut self) {
        self.train.clear();
        self.test.clear();
    }
}

/// Writes the value of each of `features` at (x1, x2) into `out`, in order. No allocation.
///
/// Panics if `out.len() != features.len()` (a caller bug: the input layer's width is the feature count).
pub fn features_into(features: &[Feature], x1: f32, x2: f32, out: &mut [f32]) {
    assert_eq!(
        out.len(),
        features.len(),
        "features_into: output length differs from the feature count"
    );
    for (o, f) in out.iter_mut().zip(features) {
        *o = f.eval(x1, x2);
    }
}

/// How many of `n` points class `class` of `n_classes` gets: equal shares, the first classes taking the
/// remainder.
fn class_count(n: usize, n_classes: usize, class: usize) -> usize {
    n / n_classes + usize::from(class < n % n_classes)
}

fn in_domain(x: f32, y: f32) -> bool {
    (DOMAIN_MIN..=DOMAIN_MAX).contains(&x) && (DOMAIN_MIN..=DOMAIN_MAX).contains(&y)
}

fn class_of(positive: bool) -> f32 {
    if positive {
        1.0
    } else {
        0.0
    }
}

/// Gaussian variance for gauss and blobs3: noise [0, 0.5] maps linearly to [0.5, 4] (TF Playground).
fn cloud_std(noise: f32) -> f32 {
    libm::sqrtf(0.5 + 7.0 * noise)
}

/// A sample of N((cx, cy), std²) inside the domain (drawn again until it is).
fn cloud_point(rng: &mut Rng, cx: f32, cy: f32, std: f32) -> (f32, f32) {
    loop {
        let x = cx + std * rng.normal();
        let y = cy + std * rng.normal();
        if in_domain(x, y) {
            return (x, y);
        }
    }
}

/// TF's circle: a disc (class 1) inside a ring (class 0); noise only moves the point the label is read at.
fn circle(n: usize, noise: f32, rng: &mut Rng, out: &mut Vec<Point>) {
    const RADIUS: f32 = 5.0;
    for (class, (r_min, r_max)) in [(1, (0.0, 0.5 * RADIUS)), (0, (0.7 * RADIUS, RADIUS))] {
        for _ in 0..class_count(n, 2, 1 - class) {
            let r = rng.uniform(r_min, r_max);
            let angle = rng.uniform(0.0, TAU);
            let (x, y) = (r * libm::sinf(angle), r * libm::cosf(angle));
            let nx = x + rng.uniform(-RADIUS, RADIUS) * noise;
            let ny = y + rng.uniform(-RADIUS, RADIUS) * noise;
            let inside = libm::sqrtf(nx * nx + ny * ny) < 0.5 * RADIUS;
            out.push(Point {
                x,
                y,
                label: class_of(inside),
            });
        }
    }
}

/// TF's xor: uniform points kept 0.3 away from both axes, labelled by the quadrant of the noisy point.
fn xor(n: usize, noise: f32, rng: &mut Rng, out: &mut Vec<Point>) {
    const PADDING: f32 = 0.3;
    let away = |v: f32| if v > 0.0 { v + PADDING } else { v - PADDING };
    for _ in 0..n {
        let x = away(rng.uniform(-5.0, 5.0));
        let y = away(rng.uniform(-5.0, 5.0));
        let nx = x + rng.uniform(-5.0, 5.0) * noise;
        let ny = y + rng.uniform(-5.0, 5.0) * noise;
        out.push(Point {
            x,
            y,
            label: class_of(nx * ny >= 0.0),
        });
    }
}

/// TF's gauss: two round clouds at (2, 2) (class 1) and (−2, −2) (class 0) whose spread grows with noise.
fn gauss(n: usize, noise: f32, rng: &mut Rng, out: &mut Vec<Point>) {
    let std = cloud_std(noise);
    for (class, centre) in [(1, 2.0), (0, -2.0)] {
        for _ in 0..class_count(n, 2, 1 - class) {
            let (x, y) = cloud_point(rng, centre, centre, std);
            out.push(Point {
                x,
                y,
                label: class as f32,
            });
        }
    }
}

/// Spiral arms: `arm` k of `n_arms` starts at angle 2πk/n_arms and winds `turns` turns out to radius 5.
/// The first arm is class 1 when there are two arms (TF's "+1" arm), class k otherwise.
fn spiral_arms(
    n: usize,
    n_arms: usize,
    turns: f32,
    noise: f32,
    rng: &mut Rng,
    out: &mut Vec<Point>,
) {
    for arm in 0..n_arms {
        let m = class_count(n, n_arms, arm);
        let offset = TAU * arm as f32 / n_arms as f32;
        let label = if n_arms == 2 {
            1.0 - arm as f32
        } else {
            arm as f32
        };
        for i in 0..m {
            let progress = i as f32 / m as f32;
            let r = 5.0 * progress;
            let angle = turns * TAU * progress + offset;
            let x = r * libm::sinf(angle) + rng.uniform(-1.0, 1.0) * noise;
            let y = r * libm::cosf(angle) + rng.uniform(-1.0, 1.0) * noise;
            out.push(Point { x, y, label });
        }
    }
}

/// TF's spiral: two arms, 1.75 turns, the second rotated by π.
fn spiral(n: usize, noise: f32, rng: &mut Rng, out: &mut Vec<Point>) {
    spiral_arms(n, 2, 1.75, noise, rng, out);
}

/// Three arms 120° apart, 1.25 turns (so neighbouring arms are as far apart as in `spiral`).
fn spiral3(n: usize, noise: f32, rng: &mut Rng, out: &mut Vec<Point>) {
    spiral_arms(n, 3, 1.25, noise, rng, out);
}

/// Two interleaving half-moons (class 0 the upper one), centred on the origin and scaled ×3, so they
/// span x ∈ [−4.5, 4.5], y ∈ [−2.25, 2.25] before the Gaussian jitter.
fn moons(n: usize, noise: f32, rng: &mut Rng, out: &mut Vec<Point>) {
    const SCALE: f32 = 3.0;
    let std = 1.5 * noise;
    for class in 0..2 {
        for _ in 0..class_count(n, 2, class) {
            loop {
                let t = rng.uniform(0.0, PI);
                let (c, s) = (libm::cosf(t), libm::sinf(t));
                let (ux, uy) = if class == 0 {
                    (c, s)
                } else {
                    (1.0 - c, 0.5 - s)
                };
                let x = SCALE * (ux - 0.5) + std * rng.normal();
                let y = SCALE * (uy - 0.25) + std * rng.normal();
                if in_domain(x, y) {
                    out.push(Point {
                        x,
                        y,
                        label: class as f32,
                    });
                    break;
                }
            }
        }
    }
}

/// A 4×4 board of 3×3 cells over the domain; the cell (0, 0) at the bottom left is class 0. Noise moves
/// the point the label is read at by up to ±1.5 (half a cell) at 50 %.
fn checkerboard(n: usize, noise: f32, rng: &mut Rng, out: &mut Vec<Point>) {
    const CELL: f32 = 3.0;
    for _ in 0..n {
        let x = rng.uniform(DOMAIN_MIN, DOMAIN_MAX);
        let y = rng.uniform(DOMAIN_MIN, DOMAIN_MAX);
        let nx = x + rng.uniform(-CELL, CELL) * noise;
        let ny = y + rng.uniform(-CELL, CELL) * noise;
        let cell = |v: f32| ((v - DOMAIN_MIN) / CELL).floor() as i32;
        let parity = (cell(nx) + cell(ny)).rem_euclid(2);
        out.push(Point {
            x,
            y,
            label: parity as f32,
        });
    }
}

/// Three round clouds (classes 0, 1, 2) centred on a circle of radius 3.5 at 90°, 210° and 330°.
fn blobs3(n: usize, noise: f32, rng: &mut Rng, out: &mut Vec<Point>) {
    const RING: f32 = 3.5;
    let std = cloud_std(noise);
    for class in 0..3 {
        let angle = PI / 2.0 + TAU * class as f32 / 3.0;
        let (cx, cy) = (RING * libm::cosf(angle), RING * libm::sinf(angle));
        for _ in 0..class_count(n, 3, class) {
            let (x, y) = cloud_point(rng, cx, cy, std);
            out.push(Point {
                x,
                y,
                label: class as f32,
            });
        }
    }
}

/// Uniform points labelled by `target` at the noisy point (TF's regression sets: noise U(−6, 6) · noise).
/// One copy for both sets (inlined, each had its own).
#[inline(never)]
fn regression(
    n: usize,
    noise: f32,
    rng: &mut Rng,
    out: &mut Vec<Point>,
    target: fn(f32, f32) -> f32,
) {
    for _ in 0..n {
        let x = rng.uniform(DOMAIN_MIN, DOMAIN_MAX);
        let y = rng.uniform(DOMAIN_MIN, DOMAIN_MAX);
        let nx = x + rng.uniform(DOMAIN_MIN, DOMAIN_MAX) * noise;
        let ny = y + rng.uniform(DOMAIN_MIN, DOMAIN_MAX) * noise;
        out.push(Point {
            x,
            y,
            label: target(nx, ny).clamp(-1.0, 1.0),
        });
    }
}

/// Target (x + y) / 12: −1 at (−6, −6), 1 at (6, 6).
fn plane_target(x: f32, y: f32) -> f32 {
    (x + y) / 12.0
}

/// TF's "multi gaussian": the strongest (largest |value|, first on ties) of six signed cones
/// s · max(0, 1 − d/2) centred at (−4, 2.5, +), (0, 2.5, −), (4, 2.5, +), (−4, −2.5, −), (0, −2.5, +),
/// (4, −2.5, −).
fn multigauss_target(x: f32, y: f32) -> f32 {
    const BUMPS: [(f32, f32, f32); 6] = [
        (-4.0, 2.5, 1.0),
        (0.0, 2.5, -1.0),
        (4.0, 2.5, 1.0),
        (-4.0, -2.5, -1.0),
        (0.0, -2.5, 1.0),
        (4.0, -2.5, -1.0),
    ];
    BUMPS.iter().fold(0.0, |best: f32, &(cx, cy, sign)| {
        let d = libm::sqrtf((x - cx) * (x - cx) + (y - cy) * (y - cy));
        let value = sign * (1.0 - d / 2.0).max(0.0);
        if value.abs() > best.abs() {
            value
        } else {
            best
        }
    })
}

fn plane(n: usize, noise: f32, rng: &mut Rng, out: &mut Vec<Point>) {
    regression(n, noise, rng, out, plane_target);
}

fn multigauss(n: usize, noise: f32, rng: &mut Rng, out: &mut Vec<Point>) {
    regression(n, noise, rng, out, multigauss_target);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(kind: DatasetKind, noise: u32, seed: u64) -> Config {
        Config {
            dataset: kind,
            noise,
            seed,
            ..Config::default()
        }
    }

    fn all_points(d: &Dataset) -> Vec<Point> {
        d.train.iter().chain(&d.test).copied().collect()
    }

    fn class_counts(points: &[Point], n_classes: usize) -> Vec<usize> {
        (0..n_classes)
            .map(|c| points.iter().filter(|p| p.label == c as f32).count())
            .collect()
    }

    #[test]
    fn same_seed_same_points_other_seed_other_points() {
        for kind in DatasetKind::ALL {
            let a = Dataset::generate(&config(kind, 20, 5));
            let b = Dataset::generate(&config(kind, 20, 5));
            let c = Dataset::generate(&config(kind, 20, 6));
            assert_eq!(a, b, "{kind}");
            assert_ne!(a.train, c.train, "{kind}");
            // Weight-only settings do not touch the data.
            let other = Config {
                layers: vec![8],
                draw: 3,
                lr: 1.0,
                ..config(kind, 20, 5)
            };
            assert_eq!(Dataset::generate(&other), a, "{kind}");
        }
    }

    #[test]
    fn counts_split_and_domain() {
        for kind in DatasetKind::ALL {
            for (points, train) in [(500, 50), (10, 10), (2000, 90), (333, 70), (11, 90)] {
                for noise in [0, 50] {
                    let c = Config {
                        points,
                        train,
                        ..config(kind, noise, 3)
                    };
                    let d = Dataset::generate(&c);
                    let n = points as usize;
                    assert_eq!(d.len(), n, "{kind}");
                    assert_eq!(
                        d.train.len(),
                        (n * train as usize + 50) / 100,
                        "{kind} {points} {train}"
                    );
                    assert!(!d.train.is_empty() && !d.test.is_empty());
                    for p in all_points(&d) {
                        assert!(in_domain(p.x, p.y), "{kind} noise {noise}: {p:?}");
                        if kind.is_regression() {
                            assert!((-1.0..=1.0).contains(&p.label), "{kind}: {p:?}");
                        } else {
                            assert!(
                                p.label.fract() == 0.0 && (p.label as usize) < kind.n_classes(),
                                "{p:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn labels_are_balanced() {
        for kind in DatasetKind::ALL.into_iter().filter(|k| !k.is_regression()) {
            let d = Dataset::generate(&config(kind, 0, 9));
            let counts = class_counts(&all_points(&d), kind.n_classes());
            let share = 500 / kind.n_classes();
            for &c in &counts {
                // Exact halves/thirds by construction, except xor and checkerboard (label by position).
                let slack = if matches!(kind, DatasetKind::Xor | DatasetKind::Checkerboard) {
                    40
                } else {
                    1
                };
                assert!(c.abs_diff(share) <= slack, "{kind}: {counts:?}");
            }
            // The shuffle mixes classes into both halves of the split.
            let train_counts = class_counts(&d.train, kind.n_classes());
            assert!(
                train_counts.iter().all(|&c| c > 250 / kind.n_classes() / 2),
                "{kind}: {train_counts:?}"
            );
        }
    }

    #[test]
    fn circle_disc_inside_ring_and_noise_flips_only_labels() {
        let clean = all_points(&Dataset::generate(&config(DatasetKind::Circle, 0, 4)));
        for p in &clean {
            let r = libm::sqrtf(p.x * p.x + p.y * p.y);
            if p.label == 1.0 {
                assert!(r < 2.5, "{p:?}");
            } else {
                assert!((3.5..=5.0).contains(&r), "{p:?}");
            }
        }
        let noisy = all_points(&Dataset::generate(&config(DatasetKind::Circle, 50, 4)));
        let same_place = clean
            .iter()
            .zip(&noisy)
            .all(|(a, b)| a.x == b.x && a.y == b.y);
        assert!(same_place, "noise must not move circle points");
        let flipped = clean
            .iter()
            .zip(&noisy)
            .filter(|(a, b)| a.label != b.label)
            .count();
        assert!(
            (10..250).contains(&flipped),
            "{flipped} labels flipped at 50 % noise"
        );
    }

    #[test]
    fn xor_keeps_off_axes_and_labels_by_quadrant() {
        for p in all_points(&Dataset::generate(&config(DatasetKind::Xor, 0, 2))) {
            assert!(
                p.x.abs() >= 0.3 && p.y.abs() >= 0.3 && p.x.abs() <= 5.3,
                "{p:?}"
            );
            assert_eq!(p.label, class_of(p.x * p.y >= 0.0), "{p:?}");
        }
        let noisy = all_points(&Dataset::generate(&config(DatasetKind::Xor, 40, 2)));
        assert!(noisy.iter().any(|p| p.label != class_of(p.x * p.y >= 0.0)));
    }

    #[test]
    fn gauss_clouds_sit_on_their_centres_and_spread_with_noise() {
        let spread = |noise| {
            let pts = all_points(&Dataset::generate(&config(DatasetKind::Gauss, noise, 8)));
            let ones: Vec<&Point> = pts.iter().filter(|p| p.label == 1.0).collect();
            let mean_x = ones.iter().map(|p| p.x).sum::<f32>() / ones.len() as f32;
            let var = ones
                .iter()
                .map(|p| (p.x - mean_x) * (p.x - mean_x))
                .sum::<f32>()
                / ones.len() as f32;
            (mean_x, var)
        };
        let (mean, var) = spread(0);
        assert!(
            (mean - 2.0).abs() < 0.15 && (var - 0.5).abs() < 0.12,
            "{mean} {var}"
        );
        let (_, wide) = spread(50);
        assert!(
            wide > 2.5,
            "variance at 50 % noise {wide} (4 before cutting at the domain)"
        );
    }

    #[test]
    fn spiral_arms_follow_the_formula_without_noise() {
        for (kind, n_arms, turns) in [
            (DatasetKind::Spiral, 2, 1.75f32),
            (DatasetKind::Spiral3, 3, 1.25),
        ] {
            let pts = all_points(&Dataset::generate(&config(kind, 0, 1)));
            for p in &pts {
                let r = libm::sqrtf(p.x * p.x + p.y * p.y);
                assert!(r < 5.0 + 1e-4, "{p:?}");
                if r < 0.5 {
                    continue;
                }
                // Invert r = 5·progress and θ = turns·2π·progress + offset: the arm's offset is what is left.
                let arm = if n_arms == 2 {
                    1 - p.label as usize
                } else {
                    p.label as usize
                };
                let expected = turns * TAU * r / 5.0 + TAU * arm as f32 / n_arms as f32;
                let actual = libm::atan2f(p.x, p.y);
                let diff = (expected - actual).rem_euclid(TAU);
                let off = diff.min(TAU - diff);
                assert!(off < 1e-3, "{kind} {p:?}: angle off by {off}");
            }
        }
    }

    #[test]
    fn moons_are_two_separated_arcs() {
        let pts = all_points(&Dataset::generate(&config(DatasetKind::Moons, 0, 3)));
        for p in &pts {
            // Upper moon: on the unit circle around (−1.5, −0.75) scaled ×3; lower: around (1.5, 0.75).
            let (cx, cy) = if p.label == 0.0 {
                (-1.5, -0.75)
            } else {
                (1.5, 0.75)
            };
            let r = libm::sqrtf((p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy));
            assert!((r - 3.0).abs() < 1e-4, "{p:?} r = {r}");
            let on_its_side = if p.label == 0.0 {
                p.y >= cy - 1e-4
            } else {
                p.y <= cy + 1e-4
            };
            assert!(on_its_side, "{p:?}");
        }
    }

    #[test]
    fn checkerboard_alternates_by_cell() {
        for p in all_points(&Dataset::generate(&config(DatasetKind::Checkerboard, 0, 5))) {
            let (i, j) = (((p.x + 6.0) / 3.0) as i32, ((p.y + 6.0) / 3.0) as i32);
            assert_eq!(p.label, ((i + j) % 2) as f32, "{p:?}");
        }
    }

    #[test]
    fn blobs3_separate_without_noise() {
        let pts = all_points(&Dataset::generate(&config(DatasetKind::Blobs3, 0, 6)));
        for class in 0..3 {
            let angle = PI / 2.0 + TAU * class as f32 / 3.0;
            let (cx, cy) = (3.5 * libm::cosf(angle), 3.5 * libm::sinf(angle));
            let mine: Vec<&Point> = pts.iter().filter(|p| p.label == class as f32).collect();
            let (mx, my) = mine.iter().fold((0.0, 0.0), |(a, b), p| (a + p.x, b + p.y));
            let n = mine.len() as f32;
            assert!(
                (mx / n - cx).abs() < 0.2 && (my / n - cy).abs() < 0.2,
                "class {class}"
            );
            // Nearest centre is its own for almost every point.
            let own = mine
                .iter()
                .filter(|p| libm::sqrtf((p.x - cx).powi(2) + (p.y - cy).powi(2)) < 3.0)
                .count();
            assert!(own as f32 > 0.99 * n, "class {class}: {own} of {n}");
        }
    }

    #[test]
    fn regression_targets_follow_their_formula() {
        for p in all_points(&Dataset::generate(&config(DatasetKind::Plane, 0, 7))) {
            assert_eq!(p.label, (p.x + p.y) / 12.0);
        }
        assert_eq!(multigauss_target(-4.0, 2.5), 1.0);
        assert_eq!(multigauss_target(0.0, 2.5), -1.0);
        assert_eq!(multigauss_target(4.0, -2.5), -1.0);
        assert_eq!(multigauss_target(0.0, -1.5), 0.5);
        assert_eq!(multigauss_target(-6.0, 0.0), 0.0);
        let pts = all_points(&Dataset::generate(&config(DatasetKind::MultiGauss, 0, 7)));
        for p in &pts {
            assert_eq!(p.label, multigauss_target(p.x, p.y));
        }
        assert!(pts.iter().any(|p| p.label > 0.5) && pts.iter().any(|p| p.label < -0.5));
        let noisy = all_points(&Dataset::generate(&config(DatasetKind::Plane, 30, 7)));
        let moved = noisy
            .iter()
            .filter(|p| p.label != (p.x + p.y) / 12.0)
            .count();
        assert!(moved > 400, "noise changes regression targets ({moved})");
    }

    #[test]
    fn add_point_validates() {
        let mut d = Dataset::generate(&config(DatasetKind::Circle, 0, 1));
        let before = d.train.len();
        d.add_point(Point {
            x: 1.0,
            y: -6.0,
            label: 1.0,
        })
        .unwrap();
        assert_eq!(d.train.len(), before + 1);
        let bad = [
            (
                Point {
                    x: f32::NAN,
                    y: 0.0,
                    label: 0.0,
                },
                "x is NaN",
            ),
            (
                Point {
                    x: 0.0,
                    y: f32::INFINITY,
                    label: 0.0,
                },
                "y is inf",
            ),
            (
                Point {
                    x: 6.01,
                    y: 0.0,
                    label: 0.0,
                },
                "outside the domain",
            ),
            (
                Point {
                    x: 0.0,
                    y: 0.0,
                    label: 2.0,
                },
                "use 0 or 1",
            ),
            (
                Point {
                    x: 0.0,
                    y: 0.0,
                    label: 0.5,
                },
                "not a class of circle",
            ),
            (
                Point {
                    x: 0.0,
                    y: 0.0,
                    label: -1.0,
                },
                "not a class",
            ),
            (
                Point {
                    x: 0.0,
                    y: 0.0,
                    label: f32::NAN,
                },
                "not a class",
            ),
        ];
        for (p, why) in bad {
            let e = d.add_point(p).unwrap_err();
            assert!(e.to_string().contains(why), "{p:?}: {e}");
        }
        assert_eq!(d.train.len(), before + 1, "rejected points are not added");

        let mut three = Dataset::generate(&config(DatasetKind::Blobs3, 0, 1));
        three
            .add_point(Point {
                x: 0.0,
                y: 0.0,
                label: 2.0,
            })
            .unwrap();
        assert!(three
            .add_point(Point {
                x: 0.0,
                y: 0.0,
                label: 3.0
            })
            .unwrap_err()
            .to_string()
            .contains("0, 1 or 2"));

        let mut reg = Dataset::generate(&config(DatasetKind::Plane, 0, 1));
        reg.add_point(Point {
            x: 0.0,
            y: 0.0,
            label: -0.25,
        })
        .unwrap();
        assert!(reg
            .add_point(Point {
                x: 0.0,
                y: 0.0,
                label: 1.5
            })
            .unwrap_err()
            .to_string()
            .contains("[-1, 1]"));

        d.clear();
        for i in 0..MAX_POINTS {
            d.add_point(Point {
                x: (i % 12) as f32 - 6.0,
                y: 0.0,
                label: 0.0,
            })
            .unwrap();
        }
        assert!(d
            .add_point(Point {
                x: 0.0,
                y: 0.0,
                label: 0.0
            })
            .unwrap_err()
            .to_string()
            .contains("full"));
    }

    #[test]
    fn remove_nearest_and_clear() {
        let mut d = Dataset {
            kind: DatasetKind::Circle,
            train: Vec::new(),
            test: Vec::new(),
        };
        assert_eq!(d.remove_nearest(0.0, 0.0, 10.0), None);
        d.train = vec![
            Point {
                x: 0.0,
                y: 0.0,
                label: 0.0,
            },
            Point {
                x: 2.0,
                y: 0.0,
                label: 1.0,
            },
        ];
        d.test = vec![Point {
            x: 1.1,
            y: 0.0,
            label: 1.0,
        }];
        assert_eq!(
            d.remove_nearest(1.0, 0.0, 0.05),
            None,
            "nothing within the radius"
        );
        assert_eq!(d.remove_nearest(f32::NAN, 0.0, 1.0), None);
        assert_eq!(d.remove_nearest(1.0, 0.0, -1.0), None);
        assert_eq!(
            d.remove_nearest(1.0, 0.0, 0.5),
            Some(Point {
                x: 1.1,
                y: 0.0,
                label: 1.0
            })
        );
        assert_eq!(
            d.remove_nearest(1.9, 0.0, 1.0),
            Some(Point {
                x: 2.0,
                y: 0.0,
                label: 1.0
            })
        );
        assert_eq!(d.len(), 1);
        d.clear();
        assert!(d.is_empty());
    }

    #[test]
    fn features_into_writes_each_feature() {
        let mut out = [0.0f32; 7];
        features_into(&Feature::ALL, 2.0, -3.0, &mut out);
        assert_eq!(
            out,
            [2.0, -3.0, 4.0, 9.0, -6.0, libm::sinf(2.0), libm::sinf(-3.0)]
        );
        let mut two = [0.0f32; 2];
        features_into(&[Feature::X2Sq, Feature::X1], 0.5, 4.0, &mut two);
        assert_eq!(two, [16.0, 0.5]);
    }

    #[test]
    #[should_panic(expected = "output length")]
    fn features_into_rejects_a_wrong_buffer() {
        features_into(&[Feature::X1], 0.0, 0.0, &mut [0.0; 2]);
    }
}
