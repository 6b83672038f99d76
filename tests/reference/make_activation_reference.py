#!/usr/bin/env python3
"""Writes activation_reference.json: what PyTorch itself computes for every activation, in float32.

For each spec (the same text `Activation::from_str` reads) and each input x, the file holds
  - torch's float32 value f(x) and torch autograd's derivative f'(x), and
  - where they differ (by even one bit) from it, the correctly rounded true value, computed with
    mpmath at 60 significant digits and rounded to float32, following torch's conventions at kinks.
The Rust test (tests/activation_reference.rs) accepts a result close to either,
and checks that the two agree on most points (a wrong mpmath formula would not).

Inputs: a grid of [-10, 10] in steps of 1/8, 64 pseudo-random points of [-10, 10], powers of ten
from 1e-8 to 1e4 of both signs, the edge cases (+-0, subnormals, +-88, +-89 where exp overflows,
+-1000, +-f32::MAX, +-inf, NaN), and for each spec its kinks with one ulp either side.

Float32 numbers are written as 8 hex digits of their bit pattern, so NaN, inf, -0 and subnormals
round-trip exactly. Run: pip install torch numpy (mpmath comes with torch), then
    python3 tests/reference/make_activation_reference.py
"""

import json
import os

import mpmath as mp
import numpy as np
import torch
import torch.nn.functional as F

mp.mp.dps = 60
F32 = np.float32
HUGE = mp.mpf("1e60")  # stands in for infinity when taking a limit: far beyond f32::MAX, where every case has settled

SELU_ALPHA = mp.mpf("1.6732632423543772848170429916717")
SELU_SCALE = mp.mpf("1.0507009873554804934193349852946")


def f32(v):
    return F32(v)


def bits(v):
    return "%08x" % int(np.array([v], dtype=np.float32).view(np.uint32)[0])


def to_f32(v):
    """Correctly rounded float32 of an mpmath value (via double; a tie could round twice, at most 1 ulp)."""
    if isinstance(v, float) and v != v:
        return F32("nan")
    return F32(float(v))


def nextafter(x, direction):
    return np.nextafter(F32(x), F32(direction), dtype=np.float32)


def sig(x):
    return 1 / (1 + mp.exp(-x))


def sp(x):
    return mp.log1p(mp.exp(x)) if x < 0 else x + mp.log1p(mp.exp(-x))


def sech2(x):
    return mp.sech(x) ** 2


def leaky(slope):
    return lambda x: (x, 1) if x > 0 else (slope * x, slope)


def softplus_exact(beta, threshold):
    def f(x):
        if f32(float(x)) * F32(beta) > F32(threshold):  # torch compares the float32 product
            return x, 1
        bx = beta * x
        return sp(bx) / beta, sig(bx)

    return f


def gelu_tanh(x):
    k = mp.sqrt(2 / mp.pi)
    kappa = mp.mpf("0.044715")
    u = k * (x + kappa * x**3)
    du = k * (1 + 3 * kappa * x**2)
    t = mp.tanh(u)
    return x * (1 + t) / 2, (1 + t) / 2 + x * sech2(u) * du / 2


def mish(x):
    t = mp.tanh(sp(x))
    return x * t, t + x * sig(x) * sech2(sp(x))


def squareplus(b):
    return lambda x: ((x + mp.sqrt(x * x + b)) / 2, (1 + x / mp.sqrt(x * x + b)) / 2)


def hardtanh(lo, hi):
    return lambda x: (lo, 0) if x <= lo else ((hi, 0) if x >= hi else (x, 1))


def hardshrink(l):
    return lambda x: (0, 0) if -l <= x <= l else (x, 1)


def softshrink(l):
    return lambda x: (x - l, 1) if x > l else ((x + l, 1) if x < -l else (0, 0))


def hardswish(x):  # torch's backward: 0 up to -3, x/3 + 1/2 strictly between, 1 from 3 on
    if x <= -3:
        return 0, 0
    if x < 3:
        return x * (x + 3) / 6, x / 3 + mp.mpf(1) / 2
    return x, 1


def hardsigmoid(x):
    if x <= -3:
        return 0, 0
    if x >= 3:
        return 1, 0
    return (x + 3) / 6, mp.mpf(1) / 6


def torch_squareplus(b):
    return lambda x: (x + torch.sqrt(x * x + b)) / 2


# (spec, torch function or None for no autograd, exact (f, f') on an mpmath x, kinks, no limit at inf)
P = {k: float(F32(v)) for k, v in {
    "0.01": 0.01, "0.2": 0.2, "0.25": 0.25, "-0.5": -0.5, "1/8": 0.125, "1/3": 1 / 3, "0.1": 0.1,
    "0.5": 0.5, "1.5": 1.5,
}.items()}


def case(spec, torch_fn, exact, kinks=(), periodic=False):
    return {"spec": spec, "torch": torch_fn, "exact": exact, "kinks": list(kinks), "periodic": periodic}


CASES = [
    case("identity", lambda x: x * 1.0, lambda x: (x, 1)),
    case("binary_step", None, lambda x: (1 if x >= 0 else 0, 0), [0.0]),
    case("sigmoid", torch.sigmoid, lambda x: (sig(x), sig(x) * (1 - sig(x)))),
    case("tanh", torch.tanh, lambda x: (mp.tanh(x), sech2(x))),
    case("softsign", F.softsign, lambda x: (x / (1 + abs(x)), 1 / (1 + abs(x)) ** 2)),
    case("relu", F.relu, lambda x: (x, 1) if x > 0 else (0, 0), [0.0]),
    case("leaky_relu(negative_slope=0.01)", lambda x: F.leaky_relu(x, P["0.01"]), leaky(mp.mpf(P["0.01"])), [0.0]),
    case("leaky_relu(negative_slope=0.2)", lambda x: F.leaky_relu(x, P["0.2"]), leaky(mp.mpf(P["0.2"])), [0.0]),
    case("prelu(weight=0.25)", lambda x: F.prelu(x, torch.tensor([0.25])), leaky(mp.mpf(0.25)), [0.0]),
    case("prelu(weight=-0.5)", lambda x: F.prelu(x, torch.tensor([-0.5])), leaky(mp.mpf(-0.5)), [0.0]),
    case(
        "rrelu(lower=0.125, upper=0.33333334)",
        lambda x: F.rrelu(x, 0.125, P["1/3"], training=False),
        leaky((mp.mpf(0.125) + mp.mpf(P["1/3"])) / 2),
        [0.0],
    ),
    case(
        "rrelu(lower=0.1, upper=0.5)",
        lambda x: F.rrelu(x, P["0.1"], 0.5, training=False),
        leaky((mp.mpf(P["0.1"]) + mp.mpf(0.5)) / 2),
        [0.0],
    ),
    case("elu(alpha=1)", lambda x: F.elu(x, 1.0), lambda x: (x, 1) if x > 0 else (mp.expm1(x), mp.exp(x)), [0.0]),
    case(
        "elu(alpha=0.5)",
        lambda x: F.elu(x, 0.5),
        lambda x: (x, 1) if x > 0 else (mp.expm1(x) / 2, mp.exp(x) / 2),
        [0.0],
    ),
    case("celu(alpha=1)", lambda x: F.celu(x, 1.0), lambda x: (x, 1) if x > 0 else (mp.expm1(x), mp.exp(x)), [0.0]),
    case(
        "celu(alpha=2)",
        lambda x: F.celu(x, 2.0),
        lambda x: (x, 1) if x > 0 else (2 * mp.expm1(x / 2), mp.exp(x / 2)),
        [0.0],
    ),
    case(
        "selu",
        F.selu,
        lambda x: (SELU_SCALE * x, SELU_SCALE)
        if x > 0
        else (SELU_SCALE * SELU_ALPHA * mp.expm1(x), SELU_SCALE * SELU_ALPHA * mp.exp(x)),
        [0.0],
    ),
    case("softplus(beta=1, threshold=20)", lambda x: F.softplus(x, 1.0, 20.0), softplus_exact(1.0, 20.0), [20.0]),
    case("softplus(beta=2, threshold=10)", lambda x: F.softplus(x, 2.0, 10.0), softplus_exact(2.0, 10.0), [5.0]),
    case("softplus(beta=0.5, threshold=60)", lambda x: F.softplus(x, 0.5, 60.0), softplus_exact(0.5, 60.0), [120.0]),
    case("silu", F.silu, lambda x: (x * sig(x), sig(x) * (1 + x * (1 - sig(x))))),
    case(
        "gelu(approximate=none)",
        lambda x: F.gelu(x, approximate="none"),
        lambda x: (x * mp.ncdf(x), mp.ncdf(x) + x * mp.npdf(x)),
    ),
    case("gelu(approximate=tanh)", lambda x: F.gelu(x, approximate="tanh"), gelu_tanh),
    case("mish", F.mish, mish),
    case("squareplus(b=4)", torch_squareplus(4.0), squareplus(4)),
    case("squareplus(b=1)", torch_squareplus(1.0), squareplus(1)),
    case("relu6", F.relu6, lambda x: (min(max(x, 0), 6), 1 if 0 < x < 6 else 0), [0.0, 6.0]),
    case("threshold(threshold=1, value=0)", lambda x: F.threshold(x, 1.0, 0.0), lambda x: (x, 1) if x > 1 else (0, 0), [1.0]),
    case(
        "threshold(threshold=0.1, value=20)",
        lambda x: F.threshold(x, P["0.1"], 20.0),
        lambda x: (x, 1) if x > mp.mpf(P["0.1"]) else (20, 0),
        [P["0.1"]],
    ),
    case("hardtanh(min_val=-1, max_val=1)", lambda x: F.hardtanh(x, -1.0, 1.0), hardtanh(-1, 1), [-1.0, 1.0]),
    case("hardtanh(min_val=-2, max_val=3)", lambda x: F.hardtanh(x, -2.0, 3.0), hardtanh(-2, 3), [-2.0, 3.0]),
    case("hardsigmoid", F.hardsigmoid, hardsigmoid, [-3.0, 3.0]),
    case("hardswish", F.hardswish, hardswish, [-3.0, 3.0]),
    case("hardshrink(lambd=0.5)", lambda x: F.hardshrink(x, 0.5), hardshrink(mp.mpf(0.5)), [-0.5, 0.5]),
    case("hardshrink(lambd=1)", lambda x: F.hardshrink(x, 1.0), hardshrink(mp.mpf(1)), [-1.0, 1.0]),
    case("softshrink(lambd=0.5)", lambda x: F.softshrink(x, 0.5), softshrink(mp.mpf(0.5)), [-0.5, 0.5]),
    case("softshrink(lambd=1.5)", lambda x: F.softshrink(x, 1.5), softshrink(mp.mpf(1.5)), [-1.5, 1.5]),
    case("tanhshrink", F.tanhshrink, lambda x: (x - mp.tanh(x), mp.tanh(x) ** 2)),
    case("logsigmoid", F.logsigmoid, lambda x: (-sp(-x), sig(-x))),
    case("sine", torch.sin, lambda x: (mp.sin(x), mp.cos(x)), periodic=True),
    case("gaussian", lambda x: torch.exp(-x * x), lambda x: (mp.exp(-x * x), -2 * x * mp.exp(-x * x))),
]


def common_inputs():
    xs = [F32(-10 + i / 8) for i in range(161)]
    rng = np.random.default_rng(3)
    xs += [F32(v) for v in rng.uniform(-10, 10, 64)]
    for k in range(-16, 9):
        m = F32(10.0 ** (k / 2))
        xs += [m, -m]
    tiny = np.finfo(np.float32).tiny  # smallest normal
    edges = [0.0, 1e-45, 1e-40, nextafter(tiny, 0), tiny, 20.0, 30.0, 50.0, 88.0, 89.0, 100.0, 1000.0,
             np.finfo(np.float32).max, np.inf]
    for e in edges:
        xs += [F32(e), F32(-e)]
    xs.append(F32(np.nan))
    return xs


def ordered_unique(xs):
    seen, out = set(), []
    for x in xs:
        b = bits(x)
        if b not in seen:
            seen.add(b)
            out.append(x)
    return out


def exact_values(c, x):
    if np.isnan(x):
        return F32(np.nan), F32(np.nan)
    if np.isinf(x):
        if c["periodic"]:
            return F32(np.nan), F32(np.nan)
        v = HUGE if x > 0 else -HUGE
    else:
        v = mp.mpf(float(x))
    f, df = c["exact"](v)
    return to_f32(mp.mpf(f)), to_f32(mp.mpf(df))


def torch_values(c, xs):
    t = torch.tensor(np.array(xs, dtype=np.float32))
    if c["torch"] is None:  # binary_step: torch.heaviside has no autograd; its derivative is 0
        f = torch.heaviside(t, torch.tensor(1.0))
        return f.numpy(), np.zeros(len(xs), dtype=np.float32)
    t.requires_grad_(True)
    y = c["torch"](t)
    y.backward(torch.ones_like(y))
    return y.detach().numpy(), t.grad.numpy()


def main():
    np.seterr(over="ignore")  # float32 overflow to inf is intended (inputs near f32::MAX)
    common = ordered_unique(common_inputs())
    cases = []
    for c in CASES:
        extra = []
        for k in c["kinks"]:
            extra += [nextafter(k, -np.inf), F32(k), nextafter(k, np.inf)]
        common_bits = {bits(x) for x in common}
        extra = [x for x in ordered_unique(extra) if bits(x) not in common_bits]
        xs = common + extra
        f, df = torch_values(c, xs)
        exact = {}
        for i, x in enumerate(xs):
            ef, edf = exact_values(c, x)
            pair = [None if bits(ef) == bits(f[i]) else bits(ef), None if bits(edf) == bits(df[i]) else bits(edf)]
            if pair != [None, None]:
                exact[str(i)] = pair
        cases.append({
            "spec": c["spec"],
            "extra_x": [bits(x) for x in extra],
            "f": [bits(v) for v in f],
            "df": [bits(v) for v in df],
            "exact": exact,
        })
    out = {
        "generator": "tests/reference/make_activation_reference.py",
        "torch": torch.__version__,
        "numpy": np.__version__,
        "mpmath": mp.__version__,
        "encoding": "float32 bit patterns as 8 hex digits; exact[i] = [f, df] correctly rounded where it differs from torch, null where equal",
        "x": [bits(x) for x in common],
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "activation_reference.json")
    with open(path, "w") as fh:
        json.dump(out, fh, separators=(",", ":"))
        fh.write("\n")
    print(f"wrote {path}: {len(cases)} specs, {len(common)} shared inputs")


if __name__ == "__main__":
    main()
