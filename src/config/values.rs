//! Parsers for the values of config keys: whole numbers, numbers, lists of sizes, features and
//! activation specs. Each checks a plain (already decoded) value and names the key in its error.

use super::text::echo;
use super::{Config, Error, Feature};
use crate::float::{parse_f32, Plain};
use crate::Activation;

pub(super) fn choice<const N: usize>(key: &str, value: &str, names: [&str; N]) -> Error {
    Error::about(
        Some(key),
        format!(
            "{key} must be one of {}; got '{}'",
            names.join(", "),
            echo(value)
        ),
    )
}

/// A whole number in `lo..=hi`. Accepts only ASCII digits (no sign, no fraction, no exponent). The work
/// is [`parse_whole`]'s, on u64: one copy in the wasm, not one per number type.
#[inline]
pub(super) fn parse_int<T>(key: &str, value: &str, (lo, hi): (T, T), unit: &str) -> Result<T, Error>
where
    T: Copy + TryFrom<u64> + TryInto<u64>,
{
    let wide = |v: T| v.try_into().unwrap_or(u64::MAX);
    let n = parse_whole(key, value, (wide(lo), wide(hi)), unit)?;
    // n is in lo..=hi, so it fits T.
    Ok(T::try_from(n).unwrap_or(lo))
}

/// [`parse_int`] on u64.
#[inline(never)]
fn parse_whole(key: &str, value: &str, (lo, hi): (u64, u64), unit: &str) -> Result<u64, Error> {
    let error = || {
        Error::about(
            Some(key),
            format!(
                "{key} must be a whole number from {lo} to {hi}{unit}; got '{}'",
                echo(value)
            ),
        )
    };
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error());
    }
    // Overlong digit strings overflow u64: that is out of range, not a different error.
    let n: u64 = value.parse().map_err(|_| error())?;
    if n < lo || n > hi {
        return Err(error());
    }
    Ok(n)
}

/// A finite f32 in `lo..=hi`; −0 is stored as 0 so the canonical text never shows "-0".
pub(super) fn parse_float(key: &str, value: &str, (lo, hi): (f32, f32)) -> Result<f32, Error> {
    let error = || {
        Error::about(
            Some(key),
            format!(
                "{key} must be a number from {} to {}; got '{}'",
                Plain(lo),
                Plain(hi),
                echo(value)
            ),
        )
    };
    // Rust's parser also reads "inf", "NaN" and "infinity": those fail the finiteness check below.
    let v = parse_f32(value).ok_or_else(error)?;
    if !v.is_finite() || v < lo || v > hi {
        return Err(error());
    }
    Ok(if v == 0.0 { 0.0 } else { v })
}

pub(super) fn parse_layers(value: &str) -> Result<Vec<usize>, Error> {
    let (lo, hi) = Config::UNITS;
    let range = format!(
        "layers must be 0 to {} comma-separated sizes from {lo} to {hi} (empty for no hidden layer)",
        Config::MAX_LAYERS
    );
    if value.is_empty() {
        return Ok(Vec::new());
    }
    let parts: Vec<&str> = value.split(',').collect();
    if parts.len() > Config::MAX_LAYERS {
        return Err(Error::about(
            Some("layers"),
            format!("{range}; got {} layers", parts.len()),
        ));
    }
    // A loop, not `collect::<Result<…>>()`: its adapter is one more generic copy in the wasm.
    let mut sizes = Vec::with_capacity(parts.len());
    for p in parts {
        match parse_int::<usize>("layers", p, Config::UNITS, "") {
            Ok(n) => sizes.push(n),
            Err(_) => {
                return Err(Error::about(
                    Some("layers"),
                    format!("{range}; got '{}'", echo(value)),
                ))
            }
        }
    }
    Ok(sizes)
}

pub(super) fn parse_features(value: &str) -> Result<Vec<Feature>, Error> {
    let names = Feature::NAMES.join(", ");
    let mut chosen = [false; Feature::ALL.len()];
    for name in value.split(',') {
        let feature = Feature::from_name(name).ok_or_else(|| {
            Error::about(
                Some("features"),
                format!(
                    "features must be 1 to 7 distinct names of {names}; '{}' is not one",
                    echo(name)
                ),
            )
        })?;
        let slot = &mut chosen[feature as usize];
        if *slot {
            return Err(Error::about(
                Some("features"),
                format!(
                    "features must be 1 to 7 distinct names of {names}; {name} is listed twice"
                ),
            ));
        }
        *slot = true;
    }
    Ok(Feature::ALL
        .into_iter()
        .filter(|f| chosen[*f as usize])
        .collect())
}

/// Splits on commas outside parentheses, so `relu,leaky_relu(a=1,b=2)` gives two specs.
pub(super) fn split_specs(value: &str) -> Vec<&str> {
    let mut depth = 0usize;
    value
        .split(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => return c == ',' && depth == 0,
            }
            false
        })
        .collect()
}

pub(super) fn parse_race(value: &str) -> Result<Vec<Activation>, Error> {
    if value.is_empty() {
        return Ok(Vec::new());
    }
    let (lo, hi) = Config::RACERS;
    let range =
        format!("race must be empty or {lo} to {hi} distinct activation specs separated by commas");
    let specs = split_specs(value);
    if specs.len() < lo || specs.len() > hi {
        return Err(Error::about(
            Some("race"),
            format!("{range}; got {}", specs.len()),
        ));
    }
    let mut racers: Vec<Activation> = Vec::with_capacity(specs.len());
    for spec in specs {
        let racer: Activation = spec.parse().map_err(|e| {
            Error::about(
                Some("race"),
                format!("{range}; '{}' is not an activation: {e}", echo(spec)),
            )
        })?;
        if racers.contains(&racer) {
            return Err(Error::about(
                Some("race"),
                format!("{range}; {racer} is listed twice"),
            ));
        }
        racers.push(racer);
    }
    Ok(racers)
}
