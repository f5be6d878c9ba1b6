//! Stage 3a, the flow graph of one table, in plain Rust.
//!
//! In: the steps as [`Node`]s (their lanes and where each goes next, made
//! by `check::alur` from the YAML). Out: a [`Flow`]: which symbol each
//! step gets, which arrows join the steps and from which side of a symbol
//! each arrow leaves; or the [`FlowError`]s of a graph that cannot be
//! drawn. `route` turns the flow into lines; Typst only draws them.

mod graph;

use serde::Serialize;

/// The flowchart symbols of the pedoman.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Simbol {
    /// Stadium: where the procedure starts and ends.
    Terminator,
    /// Rectangle: an activity.
    Proses,
    /// Diamond: a decision with two exits.
    Keputusan,
}

/// Where a step goes when it is done (0-based step indices).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lanjut {
    /// The next step; the last step ends the procedure.
    Berikut,
    /// Another step than the next one.
    Ke(usize),
    /// The procedure ends here.
    Selesai,
    /// A decision. An exit left out is reported, not guessed.
    Keputusan {
        ya: Option<usize>,
        tidak: Option<usize>,
        label_ya: Option<String>,
        label_tidak: Option<String>,
    },
}

/// One step as the flow sees it (0-based lanes, sorted, at least one).
#[derive(Debug, Clone)]
pub struct Node {
    pub lanes: Vec<usize>,
    pub lanjut: Lanjut,
    /// A symbol the content asks for instead of the computed one.
    pub simbol: Option<Simbol>,
    /// The procedure (also) starts here: no arrow need reach this step.
    pub mulai: bool,
}

/// Which part of a step's YAML a problem is about, so the message can point
/// at the right line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kunci {
    Langkah,
    Lanjut,
    Ya,
    Tidak,
}

/// A graph that cannot be drawn, explained in Indonesian (1-based step
/// numbers in the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowError {
    pub step: usize,
    pub kunci: Kunci,
    pub message: String,
    pub hint: Option<String>,
}

/// The side of a symbol an arrow leaves from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sisi {
    /// Down to the next step.
    Bawah,
    /// Out of the right side into a channel (loops and skips).
    Kanan,
    /// Out of the left side into a channel (a decision's second jump).
    Kiri,
}

/// An arrow from one step to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// The lane of `from` the arrow leaves and the lane of `to` it enters.
    pub from_lane: usize,
    pub to_lane: usize,
    pub label: Option<String>,
    pub sisi: Sisi,
}

/// What is drawn for one SOP, before routing.
#[derive(Debug, Clone)]
pub struct Flow {
    pub lanes: usize,
    /// The lanes of each step (several for a shared step).
    pub step_lanes: Vec<Vec<usize>>,
    pub symbols: Vec<Simbol>,
    /// The steps the procedure starts at: the first, and those marked.
    pub mulai: Vec<usize>,
    /// Jumps whose side was a free choice (no downward arrow to keep
    /// away from, or a jump back up, which leaves above that arrow's
    /// turn): routing may move them to the other side.
    pub bebas: Vec<usize>,
    pub edges: Vec<Edge>,
}

impl Flow {
    /// The side to which step `step`'s arrow down to the next step turns;
    /// `None` when it goes straight down or there is none.
    pub fn belok(&self, step: usize) -> Option<Sisi> {
        self.edges
            .iter()
            .find(|e| e.from == step && e.sisi == Sisi::Bawah)
            .and_then(|e| turn(&self.step_lanes[e.from], &self.step_lanes[e.to]))
    }
}

/// Checks the graph and decides symbols, arrows and their sides.
pub fn build(nodes: &[Node], lanes: usize) -> Result<Flow, Vec<FlowError>> {
    let n = nodes.len();
    if n == 0 {
        return Err(vec![FlowError {
            step: 0,
            kunci: Kunci::Langkah,
            message: "SOP tidak memiliki langkah".into(),
            hint: Some("tulis setidaknya dua langkah di bawah `langkah:`".into()),
        }]);
    }
    let mut errors = Vec::new();
    let targets = graph::targets(nodes, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let starts: Vec<usize> = (0..n).filter(|&i| i == 0 || nodes[i].mulai).collect();
    graph::check_reach(&targets, &starts, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut symbols = Vec::with_capacity(n);
    let mut edges = Vec::new();
    let mut bebas = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let ends = targets[i].is_empty();
        symbols.push(match (&node.lanjut, node.simbol) {
            (Lanjut::Keputusan { .. }, _) => Simbol::Keputusan,
            (_, Some(s)) => s,
            _ if i == 0 || node.mulai || ends => Simbol::Terminator,
            _ => Simbol::Proses,
        });
        let out = &targets[i];
        // A decision's jump leaves on the side away from its downward
        // arrow, so the two never share a line; with two jumps, "Ya" takes
        // the left and "Tidak" the right.
        let down = out.iter().find(|(t, _)| *t == i + 1);
        let turns = down.map(|(t, _)| turn(&node.lanes, &nodes[*t].lanes));
        let away = match turns {
            Some(Some(side)) => opposite(side),
            // Free to choose: the right, unless the step stands in the last
            // lane, whose outer half is too narrow for a channel and a label.
            _ if last(&node.lanes) + 1 == lanes && lanes > 1 => Sisi::Kiri,
            _ => Sisi::Kanan,
        };
        let jumps = out.iter().filter(|(t, _)| *t != i + 1).count();
        for (k, (t, label)) in out.iter().enumerate() {
            let sisi = if *t == i + 1 {
                Sisi::Bawah
            } else if jumps == 2 {
                if k == 0 { Sisi::Kiri } else { Sisi::Kanan }
            } else {
                // A jump back up leaves above the turn of the downward
                // arrow, so it may take that arrow's side as well.
                if !matches!(turns, Some(Some(_))) || *t < i {
                    bebas.push(edges.len());
                }
                away
            };
            let (from_lane, to_lane) = sisi_lajur(sisi, &node.lanes, &nodes[*t].lanes);
            edges.push(Edge {
                from: i,
                to: *t,
                from_lane,
                to_lane,
                label: label.clone(),
                sisi,
            });
        }
    }
    Ok(Flow {
        lanes,
        step_lanes: nodes.iter().map(|n| n.lanes.clone()).collect(),
        symbols,
        mulai: starts,
        edges,
        bebas,
    })
}

/// The lanes an arrow leaves and enters by the side it takes: the nearest
/// ones going down, the outermost on that side for a jump.
pub fn sisi_lajur(sisi: Sisi, from: &[usize], to: &[usize]) -> (usize, usize) {
    match sisi {
        Sisi::Bawah => nearest_lanes(from, to),
        Sisi::Kanan => (last(from), last(to)),
        Sisi::Kiri => (from[0], to[0]),
    }
}

/// Which way the arrow to the next step turns, if it turns at all.
fn turn(from: &[usize], to: &[usize]) -> Option<Sisi> {
    let (a, b) = nearest_lanes(from, to);
    match b.cmp(&a) {
        std::cmp::Ordering::Greater => Some(Sisi::Kanan),
        std::cmp::Ordering::Less => Some(Sisi::Kiri),
        std::cmp::Ordering::Equal => None,
    }
}

pub fn opposite(s: Sisi) -> Sisi {
    if s == Sisi::Kanan {
        Sisi::Kiri
    } else {
        Sisi::Kanan
    }
}

fn last(lanes: &[usize]) -> usize {
    *lanes.last().expect("a step has at least one lane")
}

/// The pair of lanes, one of each step, closest to each other.
fn nearest_lanes(from: &[usize], to: &[usize]) -> (usize, usize) {
    let mut best = (from[0], to[0]);
    for &a in from {
        for &b in to {
            if a.abs_diff(b) < best.0.abs_diff(best.1) {
                best = (a, b);
            }
        }
    }
    best
}

#[cfg(test)]
pub(crate) mod testing {
    use super::{Lanjut, Node};

    /// A plain step in `lanes`.
    pub fn node(lanes: &[usize]) -> Node {
        Node {
            lanes: lanes.to_vec(),
            lanjut: Lanjut::Berikut,
            simbol: None,
            mulai: false,
        }
    }

    /// A decision in `lane` going to `ya` or `tidak` (0-based).
    pub fn decision(lane: usize, ya: usize, tidak: usize) -> Node {
        Node {
            lanjut: Lanjut::Keputusan {
                ya: Some(ya),
                tidak: Some(tidak),
                label_ya: None,
                label_tidak: None,
            },
            ..node(&[lane])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{decision, node};
    use super::*;

    fn messages(nodes: &[Node]) -> Vec<String> {
        build(nodes, 4)
            .unwrap_err()
            .into_iter()
            .map(|e| format!("{}: {}", e.step + 1, e.message))
            .collect()
    }

    #[test]
    fn straight_flow_has_terminators_at_both_ends() {
        let f = build(&[node(&[0]), node(&[1]), node(&[2])], 3).unwrap();
        assert_eq!(
            f.symbols,
            vec![Simbol::Terminator, Simbol::Proses, Simbol::Terminator]
        );
        assert_eq!(f.edges.len(), 2);
        assert_eq!((f.edges[1].from_lane, f.edges[1].to_lane), (1, 2));
        assert!(f.edges.iter().all(|e| e.sisi == Sisi::Bawah));
    }

    #[test]
    fn symbols_can_be_overridden_and_early_ends_are_terminators() {
        let mut first = node(&[0]);
        first.simbol = Some(Simbol::Proses);
        let mut stop = node(&[1]);
        stop.lanjut = Lanjut::Selesai;
        let f = build(&[first, decision(0, 2, 3), stop, node(&[0]), node(&[1])], 2).unwrap();
        assert_eq!(
            f.symbols,
            vec![
                Simbol::Proses,
                Simbol::Keputusan,
                Simbol::Terminator,
                Simbol::Proses,
                Simbol::Terminator
            ]
        );
        assert!(!f.edges.iter().any(|e| e.from == 2), "{:?}", f.edges);
    }

    #[test]
    fn shared_step_leaves_from_the_nearest_lane() {
        let f = build(&[node(&[0]), node(&[1, 2]), node(&[3])], 4).unwrap();
        assert_eq!((f.edges[0].from_lane, f.edges[0].to_lane), (0, 1));
        assert_eq!((f.edges[1].from_lane, f.edges[1].to_lane), (2, 3));
    }

    #[test]
    fn a_jump_leaves_away_from_the_downward_arrow() {
        // Ya goes down-right to step 3, so the loop back takes the left.
        let f = build(&[node(&[0]), decision(0, 2, 0), node(&[1])], 2).unwrap();
        let tidak = f.edges.iter().find(|e| e.to == 0).unwrap();
        assert_eq!(
            (tidak.sisi, tidak.label.as_deref()),
            (Sisi::Kiri, Some("Tidak"))
        );
        // Ya goes straight down, the loop takes the right…
        let f = build(&[node(&[0]), decision(0, 2, 0), node(&[0])], 2).unwrap();
        assert_eq!(
            f.edges.iter().find(|e| e.to == 0).unwrap().sisi,
            Sisi::Kanan
        );
        // …unless the decision stands in the last lane.
        let f = build(&[node(&[1]), decision(1, 2, 0), node(&[1])], 2).unwrap();
        assert_eq!(f.edges.iter().find(|e| e.to == 0).unwrap().sisi, Sisi::Kiri);
    }

    #[test]
    fn two_jumps_take_both_sides_from_the_outer_lanes_of_a_shared_step() {
        let mut d = decision(1, 4, 0);
        d.lanes = vec![1, 2];
        let f = build(
            &[decision(0, 1, 3), node(&[0]), d, node(&[0]), node(&[3])],
            4,
        )
        .unwrap();
        let sides: Vec<_> = f
            .edges
            .iter()
            .filter(|e| e.from == 2)
            .map(|e| (e.sisi, e.from_lane))
            .collect();
        assert_eq!(sides, vec![(Sisi::Kiri, 1), (Sisi::Kanan, 2)]);
    }

    #[test]
    fn labels_can_be_renamed() {
        let mut d = decision(0, 2, 1);
        d.lanjut = Lanjut::Keputusan {
            ya: Some(2),
            tidak: Some(0),
            label_ya: Some("Berhasil".into()),
            label_tidak: Some("Tidak berhasil".into()),
        };
        let f = build(&[node(&[0]), d, node(&[0])], 1).unwrap();
        let labels: Vec<_> = f.edges.iter().filter_map(|e| e.label.clone()).collect();
        assert_eq!(labels, vec!["Berhasil", "Tidak berhasil"]);
    }

    #[test]
    fn a_target_that_does_not_exist_is_rejected() {
        assert_eq!(
            messages(&[node(&[0]), decision(1, 9, 0), node(&[0])]),
            vec!["2: langkah 2 menuju langkah 10 yang tidak ada (SOP ini punya 3 langkah)"]
        );
    }

    #[test]
    fn a_decision_needs_both_exits() {
        let mut d = decision(0, 2, 0);
        d.lanjut = Lanjut::Keputusan {
            ya: Some(2),
            tidak: None,
            label_ya: None,
            label_tidak: None,
        };
        assert_eq!(
            messages(&[node(&[0]), d, node(&[0])]),
            vec!["2: keputusan langkah 2 tidak menyebut ke mana `tidak` menuju"]
        );
    }

    #[test]
    fn an_unreachable_step_is_rejected() {
        let mut skip = node(&[0]);
        skip.lanjut = Lanjut::Ke(3);
        assert_eq!(
            messages(&[node(&[0]), skip, node(&[1]), node(&[0])]),
            vec![
                "3: langkah 3 tidak pernah dicapai: tidak ada panah dari langkah sebelumnya yang menuju ke sana"
            ]
        );
    }

    #[test]
    fn a_loop_without_way_out_is_rejected() {
        let mut back = node(&[0]);
        back.lanjut = Lanjut::Ke(1);
        let mut stop = node(&[0]);
        stop.lanjut = Lanjut::Selesai;
        // 1 → 2 → 3 → 2 …: step 4 ends, but nothing reaches it.
        let msgs = messages(&[node(&[0]), node(&[1]), back, stop]);
        assert!(
            msgs.iter()
                .any(|m| m.contains("langkah 4 tidak pernah dicapai")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("1: dari langkah 1 prosedur tidak pernah selesai")),
            "{msgs:?}"
        );
    }

    #[test]
    fn self_targets_and_equal_exits_are_rejected() {
        let mut me = node(&[0]);
        me.lanjut = Lanjut::Ke(1);
        assert_eq!(
            messages(&[node(&[0]), me, node(&[0])]),
            vec!["2: langkah 2 menuju dirinya sendiri"]
        );
        assert_eq!(
            messages(&[node(&[0]), decision(0, 2, 2), node(&[0])]),
            vec!["2: keputusan langkah 2: `ya` dan `tidak` menuju langkah yang sama"]
        );
    }
}
