//! Every drawn thing of a laid-out page, in millimetres from the page's
//! top-left corner, sorted by what it is: told apart by how bukusop draws
//! each (`templates/bukusop.typ`): flow lines 0.6 pt without fill,
//! symbols and connectors white with a 0.6 pt outline, arrowheads black
//! without outline, table rules as lines, branch labels italic text.

use typst::foundations::{ContextElem, NativeElement};
use typst::introspection::{Location, Tag};
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::text::FontStyle;
use typst::visualize::{Color, CurveItem, FixedStroke, Geometry, Paint, Shape};

/// A point in millimetres.
pub type Pt = (f64, f64);

/// An axis-aligned rectangle in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kotak {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Kotak {
    pub fn around(points: &[Pt]) -> Kotak {
        let mut k = Kotak {
            x0: f64::INFINITY,
            y0: f64::INFINITY,
            x1: f64::NEG_INFINITY,
            y1: f64::NEG_INFINITY,
        };
        for &(x, y) in points {
            k.x0 = k.x0.min(x);
            k.y0 = k.y0.min(y);
            k.x1 = k.x1.max(x);
            k.y1 = k.y1.max(y);
        }
        k
    }

    /// Shrunk by `d` on every side (grown when `d` is negative).
    pub fn shrink(self, d: f64) -> Kotak {
        Kotak {
            x0: self.x0 + d,
            y0: self.y0 + d,
            x1: self.x1 - d,
            y1: self.y1 - d,
        }
    }

    pub fn overlaps(&self, o: &Kotak) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    pub fn contains(&self, (x, y): Pt) -> bool {
        self.x0 < x && x < self.x1 && self.y0 < y && y < self.y1
    }

    /// Whether the segment from `a` to `b` passes through the inside.
    pub fn cut_by(&self, a: Pt, b: Pt) -> bool {
        let n = ((dist(a, b) / 0.1).ceil() as usize).max(1);
        (0..=n).any(|k| {
            let t = k as f64 / n as f64;
            self.contains((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t))
        })
    }
}

pub fn dist(a: Pt, b: Pt) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// What a symbol's outline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bentuk {
    /// Rectangle (proses).
    Kotak,
    /// Stadium (terminator).
    Kapsul,
    Ketupat,
    Penghubung,
}

/// The things of one page.
#[derive(Debug, Default)]
pub struct Halaman {
    pub lebar: f64,
    pub tinggi: f64,
    /// Table rules and other plain lines: (from, to).
    pub rules: Vec<(Pt, Pt)>,
    /// Flow lines, each a polyline.
    pub lines: Vec<Vec<Pt>>,
    /// Arrowheads: the triangle's corners, the tip last.
    pub heads: Vec<[Pt; 3]>,
    pub symbols: Vec<(Bentuk, Kotak)>,
    /// Branch labels: their text and ink box.
    pub labels: Vec<(String, Kotak)>,
    /// The drawing (one routed line with its arrowhead and label, as
    /// `gambar` draws it) each of `lines` and of `labels` is part of.
    pub line_drawing: Vec<Option<usize>>,
    pub label_drawing: Vec<Option<usize>>,
    /// Junction dots (where a jump joins a trunk it shares): centre and
    /// the drawing it is part of.
    pub dots: Vec<(Pt, Option<usize>)>,
    /// Every other run of text: its box.
    pub texts: Vec<Kotak>,
}

/// The things of one laid-out page.
pub fn halaman(frame: &Frame) -> Halaman {
    let mut h = Halaman {
        lebar: frame.width().to_mm(),
        tinggi: frame.height().to_mm(),
        ..Halaman::default()
    };
    let mut drawings = Drawings::default();
    walk(frame, Transform::identity(), &mut h, &mut drawings);
    h
}

/// The drawings being walked through: each `gambar` is a `context`
/// block, whose tags enclose all it draws.
#[derive(Default)]
struct Drawings {
    open: Vec<(Location, usize)>,
    count: usize,
}

impl Drawings {
    fn current(&self) -> Option<usize> {
        self.open.last().map(|(_, n)| *n)
    }
}

fn walk(frame: &Frame, ts: Transform, h: &mut Halaman, d: &mut Drawings) {
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(g) => walk(&g.frame, here.pre_concat(g.transform), h, d),
            FrameItem::Tag(Tag::Start(elem, _)) if elem.elem() == ContextElem::ELEM => {
                if let Some(loc) = elem.location() {
                    d.count += 1;
                    d.open.push((loc, d.count));
                }
            }
            FrameItem::Tag(Tag::End(loc, ..)) => {
                if let Some(k) = d.open.iter().rposition(|(l, _)| l == loc) {
                    d.open.truncate(k);
                }
            }
            FrameItem::Shape(shape, _) => {
                let (lines, dots) = (h.lines.len(), h.dots.len());
                shape_item(shape, here, h);
                if h.lines.len() > lines {
                    h.line_drawing.push(d.current());
                }
                if h.dots.len() > dots {
                    h.dots[dots].1 = d.current();
                }
            }
            FrameItem::Text(t) => {
                let ink = t.bbox();
                // `bbox` is already y-down, with its y ends swapped.
                let corners = [ink.min, ink.max];
                let pts: Vec<Pt> = corners.iter().map(|p| mm(*p, here)).collect();
                let k = Kotak::around(&pts);
                let italic = t.font.font().info().variant.style == FontStyle::Italic;
                if italic && (t.size.to_pt() - crate::kontrak::LABEL_PT).abs() < 0.01 {
                    h.labels.push((t.text.to_string(), k));
                    h.label_drawing.push(d.current());
                } else if k.x1 > k.x0 {
                    h.texts.push(k);
                }
            }
            _ => {}
        }
    }
}

fn mm(p: Point, ts: Transform) -> Pt {
    let p = p.transform(ts);
    (p.x.to_mm(), p.y.to_mm())
}

fn is(paint: &Option<Paint>, color: Color) -> bool {
    matches!(paint, Some(Paint::Solid(c)) if c.to_vec4() == color.to_vec4())
}

fn outline(stroke: &Option<FixedStroke>) -> Option<f64> {
    stroke.as_ref().map(|s| s.thickness.to_pt())
}

fn shape_item(shape: &Shape, ts: Transform, h: &mut Halaman) {
    let at = |p: Point| mm(p, ts);
    match &shape.geometry {
        Geometry::Line(to) => h.rules.push((at(Point::zero()), at(*to))),
        Geometry::Rect(size) => {
            let k = Kotak::around(&[at(Point::zero()), at(size.to_point())]);
            if is(&shape.fill, Color::WHITE) && outline(&shape.stroke).is_some() {
                h.symbols.push((Bentuk::Kotak, k));
            } else if outline(&shape.stroke).is_some() && shape.fill.is_none() {
                // A rectangle drawn as four rules (a cell's box).
                for (a, b) in [
                    ((k.x0, k.y0), (k.x1, k.y0)),
                    ((k.x1, k.y0), (k.x1, k.y1)),
                    ((k.x1, k.y1), (k.x0, k.y1)),
                    ((k.x0, k.y1), (k.x0, k.y0)),
                ] {
                    h.rules.push((a, b));
                }
            }
        }
        Geometry::Curve(curve) => {
            let mut pts = Vec::new();
            let mut cubic = false;
            for c in &curve.0 {
                match c {
                    CurveItem::Move(p) | CurveItem::Line(p) => pts.push(at(*p)),
                    CurveItem::Cubic(_, _, p) => {
                        cubic = true;
                        pts.push(at(*p));
                    }
                    CurveItem::Close => {}
                }
            }
            let stroked = outline(&shape.stroke).is_some();
            if is(&shape.fill, Color::BLACK) && cubic {
                let k = Kotak::around(&pts);
                h.dots
                    .push((((k.x0 + k.x1) / 2.0, (k.y0 + k.y1) / 2.0), None));
            } else if is(&shape.fill, Color::BLACK) && !stroked && pts.len() >= 3 {
                // Typst closes the triangle; the tip was written last.
                let n = pts.len();
                let tip = if pts[n - 1] == pts[0] && n > 3 {
                    pts[n - 2]
                } else {
                    pts[n - 1]
                };
                h.heads.push([pts[0], pts[1], tip]);
            } else if is(&shape.fill, Color::WHITE) && stroked {
                let k = Kotak::around(&pts);
                let bentuk = match (cubic, distinct(&pts)) {
                    (true, _) => Bentuk::Kapsul,
                    (false, 4) => Bentuk::Ketupat,
                    (false, 5) => Bentuk::Penghubung,
                    _ => Bentuk::Kotak,
                };
                h.symbols.push((bentuk, k));
            } else if shape.fill.is_none() && stroked && cubic {
                // A rounded outline drawn apart from its fill: a terminator.
                h.symbols.push((Bentuk::Kapsul, Kotak::around(&pts)));
            } else if shape.fill.is_none() && stroked {
                h.lines.push(pts);
            }
        }
    }
}

/// How many different points a closed outline has.
fn distinct(pts: &[Pt]) -> usize {
    let mut seen: Vec<Pt> = Vec::new();
    for p in pts {
        if !seen.iter().any(|q| dist(*p, *q) < 0.01) {
            seen.push(*p);
        }
    }
    seen.len()
}
