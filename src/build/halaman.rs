//! The page plan: where each flowchart table breaks across pages, decided
//! by bukusop from measured row heights instead of left to the layout, so
//! that every arrow cut by a page break gets its connector pair and a page
//! never carries a lone row or two.
//!
//! A first layout measures each row (labels at the top and bottom of its
//! "No" cell) and where each table starts. The plan then fills pages row by
//! row, with the room each row needs once the connectors of the arrows the
//! breaks cut are drawn; it repeats with those arrows until they stay the
//! same (they only grow, so it ends). A last page with fewer than 3 rows
//! takes rows from the page before. The layout that follows prints each
//! part as a table of its own, header repeated, one part a page.

use std::collections::BTreeSet;

use crate::flow::Flow;

/// How far short of a page's end the plan stops filling it, in mm.
const AMAN: f64 = 0.4;

/// A row as measured: page (1-based) and its top and bottom, in
/// millimetres from the page's top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Baris {
    pub page: usize,
    pub atas: f64,
    pub bawah: f64,
}

impl Baris {
    pub fn tinggi(&self) -> f64 {
        self.bawah - self.atas
    }
}

/// Where a page's content may go: from `atas` to `bawah` millimetres from
/// the top.
#[derive(Debug, Clone, Copy)]
pub struct Bidang {
    pub atas: f64,
    pub bawah: f64,
}

/// One table as the plan sees it.
pub struct Tabel<'a> {
    pub flow: &'a Flow,
    /// The height of each row for a set of broken arrows (by edge index).
    pub tinggi: &'a dyn Fn(&BTreeSet<usize>) -> Vec<f64>,
    /// The height of the table's header (repeated on every part).
    pub kepala: f64,
    /// Where its first row could start: the y below its header on the
    /// page the table starts on.
    pub mulai: f64,
    pub bidang: Bidang,
}

/// The plan of one table: the first row of each part (the first part
/// starts at row 0; a first part left empty because the page is full is
/// no part) and the arrows the breaks cut.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RencanaTabel {
    pub potongan: Vec<usize>,
    pub putus: BTreeSet<usize>,
    /// Whether the table moves to a new page before its first row.
    pub pindah: bool,
}

/// How far below the page's `bawah` the table ends, for the next table.
#[derive(Debug, Clone, Copy)]
pub struct Akhir {
    /// Pages the table's parts take beyond the one it starts on.
    pub halaman: usize,
    /// Where its last row ends.
    pub y: f64,
}

/// Plans one table; also says where it ends.
pub fn rencanakan(t: &Tabel) -> (RencanaTabel, Akhir) {
    let n = t.flow.symbols.len();
    let mut putus = BTreeSet::new();
    let mut limit: Vec<usize> = Vec::new();
    for _ in 0..(4 * n + 8) {
        let h = (t.tinggi)(&putus);
        let (parts, pindah, akhir) = fill(t, &h, &limit);
        let crossing = cut(t.flow, &parts);
        if crossing.is_subset(&putus) {
            // A last page with fewer than 3 rows takes rows from the one
            // before, once; then the arrows settle again.
            if let Some(l) = orphan_limit(&parts, n)
                && !limit.contains(&l)
            {
                limit.push(l);
                continue;
            }
            let (parts, pindah, akhir) = tighten(t, &limit, (parts, pindah, akhir));
            let putus = cut(t.flow, &parts);
            let starts = parts.iter().map(|p| p.start).collect();
            return (
                RencanaTabel {
                    potongan: starts,
                    putus,
                    pindah,
                },
                akhir,
            );
        }
        putus = &putus | &crossing;
    }
    // Unreachable in practice: the broken arrows only grow.
    let h = (t.tinggi)(&putus);
    let (parts, pindah, akhir) = fill(t, &h, &limit);
    (
        RencanaTabel {
            potongan: parts.iter().map(|p| p.start).collect(),
            putus: cut(t.flow, &parts),
            pindah,
        },
        akhir,
    )
}

/// The search above keeps the room of every arrow it ever cut, so its
/// pages may end early. Filled again with the room of only the arrows its
/// breaks cut, the plan is taken when its breaks then cut exactly those
/// arrows (every part fits as printed) and its last page keeps its rows.
fn tighten(t: &Tabel, limit: &[usize], settled: Terisi) -> Terisi {
    let n = t.flow.symbols.len();
    let mut putus = cut(t.flow, &settled.0);
    for _ in 0..8 {
        let next = fill(t, &(t.tinggi)(&putus), limit);
        let crossing = cut(t.flow, &next.0);
        if crossing == putus {
            let keeps = next.0.len() <= settled.0.len() && orphan_limit(&next.0, n).is_none();
            return if keeps { next } else { settled };
        }
        putus = crossing;
    }
    settled
}

/// What [`fill`] gives: the parts, whether the table moves to a new page
/// first, and where it ends.
type Terisi = (Vec<Part>, bool, Akhir);

/// One part: rows `start..end`.
#[derive(Debug, Clone, Copy)]
struct Part {
    start: usize,
    end: usize,
}

/// Fills pages row by row; a row that ends a part early because of
/// `limit` (row indices a part must not reach) starts the next.
fn fill(t: &Tabel, h: &[f64], limit: &[usize]) -> Terisi {
    let b = t.bidang;
    let mut parts: Vec<Part> = Vec::new();
    let mut y = t.mulai;
    let mut start = 0;
    let mut pindah = false;
    let mut pages = 0;
    for (i, hi) in h.iter().enumerate() {
        // A little short of the page's end: the measures are rounded and
        // the rules drawn over the rows' edges.
        let full = y + hi > b.bawah - AMAN;
        let forced = limit.contains(&i) && i > start;
        if full || forced {
            if i == start && !forced {
                // Not even the first row fits under the header: the table
                // starts on the next page.
                pindah = true;
            } else {
                parts.push(Part { start, end: i });
                start = i;
            }
            pages += 1;
            y = b.atas + t.kepala;
        }
        y += hi;
    }
    parts.push(Part {
        start,
        end: h.len(),
    });
    (parts, pindah, Akhir { halaman: pages, y })
}

/// The arrows whose ends lie in different parts.
fn cut(flow: &Flow, parts: &[Part]) -> BTreeSet<usize> {
    let part = |row: usize| parts.iter().position(|p| p.start <= row && row < p.end);
    flow.edges
        .iter()
        .enumerate()
        .filter(|(_, e)| part(e.from) != part(e.to))
        .map(|(i, _)| i)
        .collect()
}

/// Where the part before a too-short last part must end so the last gets
/// 3 rows (or all but one of the rows, for a short table), if the part
/// before can spare them.
fn orphan_limit(parts: &[Part], n: usize) -> Option<usize> {
    let [.., before, last] = parts else {
        return None;
    };
    let want = 3.min(n.saturating_sub(1)).max(1);
    let len = last.end - last.start;
    if len >= want {
        return None;
    }
    let keep = if parts.len() == 2 { 1 } else { 3 };
    let spare = (before.end - before.start).saturating_sub(keep);
    let take = (want - len).min(spare);
    (take > 0).then(|| last.start - take)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::build;
    use crate::flow::testing::node;

    fn flow(n: usize) -> Flow {
        build(&vec![node(&[0]); n], 1).unwrap()
    }

    #[test]
    fn rows_fill_pages_and_the_last_page_gets_three() {
        let f = flow(12);
        // 10 rows of 10 mm fit under the header on a page, 100 mm of rows.
        let tinggi = |_: &BTreeSet<usize>| vec![10.0; 12];
        let t = Tabel {
            flow: &f,
            tinggi: &tinggi,
            kepala: 10.0,
            mulai: 20.0,
            bidang: Bidang {
                atas: 10.0,
                bawah: 120.0,
            },
        };
        let (r, akhir) = rencanakan(&t);
        // 10 rows, then 2: rebalanced to 9 and 3.
        assert_eq!(r.potongan, vec![0, 9]);
        assert_eq!(r.putus, BTreeSet::from([8]));
        assert_eq!(akhir.halaman, 1);
        assert!(!r.pindah);
    }

    #[test]
    fn connector_room_moves_a_break_and_the_plan_settles() {
        let f = flow(12);
        // A broken arrow adds 5 mm to both of its rows.
        let tinggi = |putus: &BTreeSet<usize>| {
            let mut h = vec![10.0; 12];
            for &e in putus {
                h[e] += 5.0;
                h[e + 1] += 5.0;
            }
            h
        };
        let t = Tabel {
            flow: &f,
            tinggi: &tinggi,
            kepala: 10.0,
            mulai: 20.0,
            bidang: Bidang {
                atas: 10.0,
                bawah: 120.0,
            },
        };
        let (r, _) = rencanakan(&t);
        // Every part fits with the rooms of exactly the arrows it cuts.
        let h = tinggi(&r.putus);
        let ends: Vec<usize> = r.potongan[1..].iter().copied().chain([12]).collect();
        let mut y = t.mulai;
        for (k, (&a, &b)) in r.potongan.iter().zip(&ends).enumerate() {
            if k > 0 {
                y = t.bidang.atas + t.kepala;
            }
            y += h[a..b].iter().sum::<f64>();
            assert!(y <= t.bidang.bawah + 0.01, "part {k} overflows: {y}");
        }
        let cut: BTreeSet<usize> = r.potongan[1..].iter().map(|s| s - 1).collect();
        assert_eq!(r.putus, cut);
        assert!(ends.last().unwrap() - r.potongan.last().unwrap() >= 3);
    }
}
