//! The `edits` key: a person's changes to the generated points, as an exact delta against the seeded set.
//!
//! Text form (URL-safe without percent-encoding; parts separated by `;`, in this order, each optional):
//! - `c`: the set was cleared (every generated point removed) before the points below were added;
//! - `r` then indices: generated points removed, e.g. `r3,17-20`. An index counts the generated points in
//!   their order after the split: training points first, then test points. Items strictly increase;
//!   `a-b` (a < b) is a run. Not together with `c`.
//! - `a` then points `x:y:label`, comma-separated, in the order they were added, e.g. `a1.25:-3.5:1`.
//!   Coordinates and labels are decimals with at most two fractional digits; an added point is snapped to
//!   hundredths when it is added, so the text holds it exactly and a link reproduces training bit for bit.
//!
//! The empty text means no edits. Added points always join the training set, after the generated
//! training points that remain; removals keep the order of what remains. So the edited set is a pure
//! function of the generated set and this value (see `Dataset::generate`).

use std::fmt;

use super::{Config, ConfigError};

/// Most points one `edits` value adds: as many as a data set holds ([`Config::MAX_DATA_POINTS`]).
pub const MAX_ADDED: usize = Config::MAX_DATA_POINTS;
/// Largest generated-point index a removal can name (generated sets hold at most 2000 points).
const MAX_INDEX: u32 = super::Config::POINTS.1 - 1;
/// Longest `edits` value accepted, in bytes: room for [`MAX_ADDED`] points and every removal.
pub const MAX_EDITS_LEN: usize = 96 * 1024;

/// One added point in hundredths: `x`, `y` in −600..=600, `label` a class index × 100 or a regression
/// target × 100 (−100..=100).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DrawnPoint {
    /// First coordinate × 100.
    pub x: i32,
    /// Second coordinate × 100.
    pub y: i32,
    /// Label × 100.
    pub label: i32,
}

impl DrawnPoint {
    /// The nearest point on the hundredths grid (coordinates and label rounded half away from zero).
    /// Callers check the point first: values are expected finite and within the domain and label range.
    pub fn snap(x: f32, y: f32, label: f32) -> DrawnPoint {
        let h = |v: f32| (f64::from(v) * 100.0).round().clamp(-1e6, 1e6) as i32;
        DrawnPoint {
            x: h(x),
            y: h(y),
            label: h(label),
        }
    }

    /// The point's coordinates and label as f32: `k / 100` correctly rounded, which is also what
    /// parsing the decimal text gives.
    pub fn values(&self) -> (f32, f32, f32) {
        let v = |k: i32| k as f32 / 100.0;
        (v(self.x), v(self.y), v(self.label))
    }
}

/// A person's changes to the generated points (see the module documentation).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Edits {
    /// Every generated point was removed before `added`.
    pub cleared: bool,
    /// Removed generated points, by index, strictly increasing; empty when `cleared`.
    pub removed: Vec<u32>,
    /// Added points, in the order they were added.
    pub added: Vec<DrawnPoint>,
}

impl Edits {
    /// True when there are no edits (the generated set as it is).
    pub fn is_empty(&self) -> bool {
        !self.cleared && self.removed.is_empty() && self.added.is_empty()
    }

    /// How many generated points of `0..n_train` (training) and `n_train..n` (test) remain.
    pub fn surviving(&self, n_train: usize, n: usize) -> (usize, usize) {
        if self.cleared {
            return (0, 0);
        }
        let removed_train = self
            .removed
            .iter()
            .filter(|&&i| (i as usize) < n_train)
            .count();
        let removed_test = self
            .removed
            .iter()
            .filter(|&&i| (n_train..n).contains(&(i as usize)))
            .count();
        (n_train - removed_train, n - n_train - removed_test)
    }

    /// Whether generated point `index` remains.
    pub fn keeps(&self, index: usize) -> bool {
        !self.cleared && self.removed.binary_search(&(index as u32)).is_err()
    }

    /// Records the removal of a point as shown: `shown` is its position in the training set (`train`) or
    /// in the test set of the edited data, whose generated set has `n` points, the first `n_train` of
    /// them training points. Does nothing for a position past the end.
    pub fn remove_shown(&mut self, train: bool, shown: usize, n_train: usize, n: usize) {
        let (keep_train, _) = self.surviving(n_train, n);
        if train && shown >= keep_train {
            let k = shown - keep_train;
            if k < self.added.len() {
                self.added.remove(k);
            }
            return;
        }
        let range = if train { 0..n_train } else { n_train..n };
        if let Some(index) = range.filter(|&i| self.keeps(i)).nth(shown) {
            let index = index as u32;
            let at = self.removed.partition_point(|&r| r < index);
            self.removed.insert(at, index);
        }
    }

    /// Parses the text form; errors name the key and say what is wrong.
    pub fn parse(text: &str) -> Result<Edits, ConfigError> {
        let mut edits = Edits::default();
        if text.is_empty() {
            return Ok(edits);
        }
        if text.len() > MAX_EDITS_LEN {
            return Err(error(format!(
                "is {} bytes long; the limit is {MAX_EDITS_LEN}",
                text.len()
            )));
        }
        // Which parts were seen: 0 = none, 1 = c or r, 2 = a.
        let mut stage = 0;
        for part in text.split(';') {
            let mut chars = part.chars();
            let tag = chars.next();
            let body = chars.as_str();
            match tag {
                Some('c') if stage == 0 && body.is_empty() => {
                    edits.cleared = true;
                    stage = 1;
                }
                Some('r') if stage == 0 => {
                    edits.removed = parse_removed(body)?;
                    stage = 1;
                }
                Some('a') if stage < 2 => {
                    edits.added = parse_added(body)?;
                    stage = 2;
                }
                _ => {
                    return Err(error(format!(
                        "has a part '{}' that is not c, r<indices> or a<points> in that order \
                         (c and r not both)",
                        super::echo(part)
                    )))
                }
            }
        }
        Ok(edits)
    }
}

/// A `ConfigError` about the `edits` key (one copy, not one per refusal).
#[inline(never)]
fn error(what: String) -> ConfigError {
    ConfigError::about(
        Some("edits"),
        format!(
            "edits must be the points' edits (c; r<indices>; a<x:y:label,...>); the value {what}"
        ),
    )
}

fn parse_removed(body: &str) -> Result<Vec<u32>, ConfigError> {
    let mut removed = Vec::new();
    for item in body.split(',') {
        let (a, b) = match item.split_once('-') {
            Some((a, b)) => (index(a)?, index(b)?),
            None => {
                let a = index(item)?;
                (a, a)
            }
        };
        let after_last = removed.last().is_none_or(|&last| a > last);
        if (item.contains('-') && a >= b) || !after_last {
            return Err(error(format!(
                "has removed indices that do not strictly increase at '{}'",
                super::echo(item)
            )));
        }
        removed.extend(a..=b);
    }
    Ok(removed)
}

fn index(text: &str) -> Result<u32, ConfigError> {
    let ok = !text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit());
    match text.parse::<u32>() {
        Ok(i) if ok && i <= MAX_INDEX => Ok(i),
        _ => Err(error(format!(
            "has '{}' where a point index from 0 to {MAX_INDEX} belongs",
            super::echo(text)
        ))),
    }
}

fn parse_added(body: &str) -> Result<Vec<DrawnPoint>, ConfigError> {
    let mut added = Vec::new();
    for item in body.split(',') {
        if added.len() == MAX_ADDED {
            return Err(error(format!("adds more than {MAX_ADDED} points")));
        }
        let mut fields = item.split(':');
        let mut next = |lo: i32, hi: i32| {
            fields
                .next()
                .and_then(hundredths)
                .filter(|v| (lo..=hi).contains(v))
        };
        let point = match (next(-600, 600), next(-600, 600), next(-100, 200)) {
            (Some(x), Some(y), Some(label)) if fields.next().is_none() => {
                DrawnPoint { x, y, label }
            }
            _ => {
                return Err(error(format!(
                "has '{}' where a point x:y:label belongs (x, y from -6 to 6, label from -1 to 2, \
                     at most two decimals)",
                super::echo(item)
            )))
            }
        };
        added.push(point);
    }
    Ok(added)
}

/// A decimal with at most two fractional digits, as an integer number of hundredths.
fn hundredths(text: &str) -> Option<i32> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 3
        || frac.len() > 2
        || !all_digits(whole)
        || !all_digits(frac)
    {
        return None;
    }
    if digits.contains('.') && frac.is_empty() {
        return None;
    }
    let whole: i32 = whole.parse().ok()?;
    let frac: i32 = format!("{frac:0<2}").parse().ok()?;
    let v = whole * 100 + frac;
    Some(if negative { -v } else { v })
}

/// Writes hundredths as the shortest decimal: 100 → `1`, −350 → `-3.5`, 7 → `0.07`.
fn write_hundredths(f: &mut fmt::Formatter<'_>, v: i32) -> fmt::Result {
    let sign = if v < 0 { "-" } else { "" };
    let (whole, frac) = (v.unsigned_abs() / 100, v.unsigned_abs() % 100);
    match frac {
        0 => write!(f, "{sign}{whole}"),
        _ if frac % 10 == 0 => write!(f, "{sign}{whole}.{}", frac / 10),
        _ => write!(f, "{sign}{whole}.{frac:02}"),
    }
}

impl fmt::Display for Edits {
    /// The canonical text: runs of two or more removed indices written as `a-b`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = 0;
        let mut sep = |f: &mut fmt::Formatter<'_>| {
            parts += 1;
            if parts > 1 {
                f.write_str(";")
            } else {
                Ok(())
            }
        };
        if self.cleared {
            sep(f)?;
            f.write_str("c")?;
        }
        if !self.removed.is_empty() {
            sep(f)?;
            f.write_str("r")?;
            let mut i = 0;
            while i < self.removed.len() {
                let start = self.removed[i];
                let mut end = start;
                while i + 1 < self.removed.len() && self.removed[i + 1] == end + 1 {
                    i += 1;
                    end += 1;
                }
                if start != self.removed[0] {
                    f.write_str(",")?;
                }
                if end > start {
                    write!(f, "{start}-{end}")?;
                } else {
                    write!(f, "{start}")?;
                }
                i += 1;
            }
        }
        if !self.added.is_empty() {
            sep(f)?;
            f.write_str("a")?;
            for (k, p) in self.added.iter().enumerate() {
                if k > 0 {
                    f.write_str(",")?;
                }
                write_hundredths(f, p.x)?;
                f.write_str(":")?;
                write_hundredths(f, p.y)?;
                f.write_str(":")?;
                write_hundredths(f, p.label)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_and_is_compact() {
        for text in [
            "",
            "c",
            "r3",
            "r3,17-20",
            "a1.25:-3.5:1",
            "c;a0:0:0,-6:6:2",
            "r0-1999;a0.07:-0.1:-1",
        ] {
            let e = Edits::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(e.to_string(), text);
        }
        assert_eq!(Edits::parse("r1,2,3,7").unwrap().to_string(), "r1-3,7");
        assert_eq!(
            Edits::parse("a1.50:-0.0:1.0").unwrap().to_string(),
            "a1.5:0:1"
        );
        let five = Edits {
            added: vec![
                DrawnPoint {
                    x: -537,
                    y: 412,
                    label: 100
                };
                5
            ],
            ..Edits::default()
        };
        assert!(five.to_string().len() < 80, "{five}");
    }

    #[test]
    fn hostile_text_is_an_error_naming_the_key() {
        for bad in [
            "x",
            "c;c",
            "r",
            "r-1",
            "r5-3",
            "r3,3",
            "r4,2",
            "r2000",
            "r99999999999",
            "c;r1",
            "a;r1",
            "a",
            "a1:2",
            "a1:2:3:4",
            "a7:0:1",
            "a0:0:3",
            "a0.001:0:1",
            "a1.:0:0",
            "a.5:0:0",
            "a+1:0:0",
            "a1e2:0:0",
            "a0:0:1,",
            ";",
            "c;",
            "r1;;a0:0:0",
            "\u{0}",
            "é",
            "r0-4294967295",
        ] {
            let e = Edits::parse(bad).expect_err(bad);
            assert_eq!(e.key(), Some("edits"), "{bad}");
            assert!(e.to_string().starts_with("edits must be"), "{e}");
        }
        let many = format!("a{}", vec!["0:0:0"; MAX_ADDED + 1].join(","));
        assert!(Edits::parse(&many)
            .unwrap_err()
            .to_string()
            .contains("more than 4000"));
        let long = format!("a{}", "0".repeat(MAX_EDITS_LEN));
        assert!(Edits::parse(&long)
            .unwrap_err()
            .to_string()
            .contains("limit"));
    }

    #[test]
    fn snapped_values_equal_the_parsed_decimals() {
        for (x, y, label) in [
            (1.234f32, -5.996f32, 1.0f32),
            (0.005, -0.005, 0.0),
            (-6.0, 6.0, -0.333),
        ] {
            let p = DrawnPoint::snap(x, y, label);
            let text = Edits {
                added: vec![p],
                ..Edits::default()
            }
            .to_string();
            let fields: Vec<f32> = text[1..].split(':').map(|s| s.parse().unwrap()).collect();
            let (px, py, pl) = p.values();
            assert_eq!(
                [px.to_bits(), py.to_bits(), pl.to_bits()],
                [
                    fields[0].to_bits(),
                    fields[1].to_bits(),
                    fields[2].to_bits()
                ]
            );
        }
    }

    #[test]
    fn removing_a_shown_point_maps_to_the_generated_index_or_the_added_point() {
        // 10 generated points, 6 training (0..6) and 4 test (6..10).
        let mut e = Edits::parse("r1,7;a1:1:0,2:2:1").unwrap();
        assert_eq!(e.surviving(6, 10), (5, 3));
        e.remove_shown(true, 1, 6, 10); // generated training points left: 0 2 3 4 5 → index 2
        assert_eq!(e.removed, vec![1, 2, 7]);
        e.remove_shown(true, 4, 6, 10); // training: 0 3 4 5, then the added 1:1 and 2:2 → the first added
        assert_eq!(e.to_string(), "r1-2,7;a2:2:1");
        e.remove_shown(false, 0, 6, 10); // test: 6 8 9 → 6
        assert_eq!(e.to_string(), "r1-2,6-7;a2:2:1");
        e.remove_shown(false, 9, 6, 10); // past the end: nothing
        assert_eq!(e.to_string(), "r1-2,6-7;a2:2:1");
    }
}
