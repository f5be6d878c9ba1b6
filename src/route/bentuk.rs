//! The outlines of the symbols, where lines meet them.

use crate::flow::Simbol;

/// How far above its centre a symbol's outline is at `x` from it.
pub(super) fn top_y(s: Simbol, hw: f64, hh: f64, x: f64) -> f64 {
    let x = x.abs().min(hw);
    match s {
        Simbol::Proses => -hh,
        Simbol::Keputusan => -hh * (1.0 - x / hw),
        Simbol::Terminator => {
            let r = hh.min(hw);
            let off = (x - (hw - r)).max(0.0);
            -(r * r - off * off).max(0.0).sqrt()
        }
    }
}

/// How far right of its centre a symbol's outline is at height `y`.
pub(super) fn edge_x(s: Simbol, hw: f64, hh: f64, y: f64) -> f64 {
    match s {
        Simbol::Proses => hw,
        Simbol::Keputusan => hw * (1.0 - y.abs() / hh),
        Simbol::Terminator => {
            let r = hh.min(hw);
            hw - r + (r * r - y * y).max(0.0).sqrt()
        }
    }
}
