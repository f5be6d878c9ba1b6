//! Content → the data the templates print: every date, NIP and number
//! formatted here, every semantic mistake reported here, so templates only
//! lay out.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde::Serialize;
use serde_saphyr::Spanned;

use crate::content::Content;
use crate::diag::{Diagnostic, Diagnostics};
use crate::flow::{self, Simbol};
use crate::model::{Kertas, Orang, Sop};
use crate::nip::Nip;
use crate::{nomor, tanggal, yaml};

#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub meta: Meta,
    pub kertas: Paper,
    pub pengadilan: PengadilanView,
    pub unit: UnitView,
    pub tahun: i32,
    pub tanggal: TanggalView,
    pub pejabat: Vec<OrangView>,
    pub pengesah: OrangView,
    pub bagan: crate::model::Bagan,
    pub sops: Vec<SopView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub judul: String,
    pub penulis: String,
    pub subjek: String,
    pub kata_kunci: Vec<String>,
    /// Document date (the effective date), not the clock: builds repeat.
    pub tahun: i32,
    pub bulan: u32,
    pub hari: u32,
}

/// Portrait size in millimetres.
#[derive(Debug, Clone, Serialize)]
pub struct Paper {
    pub lebar: f64,
    pub tinggi: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PengadilanView {
    pub nama: String,
    pub kelas: Option<String>,
    pub alamat: String,
    pub alamat_singkat: String,
    pub telepon: Option<String>,
    pub faks: Option<String>,
    pub whatsapp: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitView {
    pub nama: String,
    pub jenis: String,
    pub kode: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TanggalView {
    pub pembuatan: String,
    pub revisi: String,
    pub efektif: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrangView {
    pub peran: String,
    pub jabatan: String,
    pub nama: String,
    pub nip: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SopView {
    pub urut: usize,
    pub nomor: String,
    pub judul: String,
    pub revisi: u32,
    pub tgl_pembuatan: String,
    pub tgl_revisi: String,
    pub tgl_efektif: String,
    pub dasar_hukum: Vec<String>,
    pub kualifikasi: Vec<String>,
    pub keterkaitan: Vec<String>,
    pub peralatan: Vec<String>,
    pub peringatan: Option<String>,
    pub pencatatan: Vec<String>,
    pub pelaksana: Vec<String>,
    pub langkah: Vec<RowView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub no: usize,
    pub kegiatan: String,
    pub kelengkapan: Vec<String>,
    pub waktu: String,
    pub output: String,
    pub ket: String,
    pub lanes: Vec<LaneView>,
    /// Letters of off-page connectors arriving at / leaving this step.
    pub conn_in: Vec<String>,
    pub conn_out: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LaneView {
    pub simbol: Option<Simbol>,
    /// Lanes of a shared step are joined by a line from the first to the last.
    pub join_to: Option<usize>,
    pub edges: Vec<EdgeView>,
    /// Letters of off-page connectors arriving in this lane.
    pub conn_in: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EdgeView {
    pub to_step: usize,
    pub to_lane: usize,
    pub label: Option<String>,
    /// `bawah` leaves from the bottom, `samping` from the right side
    /// through a side channel (loops and skips).
    pub rute: &'static str,
    pub conn: Option<String>,
    /// Position of `conn` among the connectors leaving the same step.
    pub urutan: usize,
}

/// Which arrows the last layout put across a page break: `(sop, edge)`.
pub type Breaks = BTreeSet<(usize, usize)>;

/// The data of one step's anchor label, shared with the typesetter.
pub fn anchor(sop: usize, step: usize, lane: usize) -> String {
    format!("s{sop}-{step}-{lane}")
}

/// Resolves and checks the content. Warnings come back with the view.
pub fn resolve(c: &Content, breaks: &Breaks) -> Result<(View, Diagnostics), Diagnostics> {
    let mut d = Diagnostics::default();
    let b = &c.buku;
    let bf = &c.buku_file;

    let date = |s: &Spanned<String>, file: &Path, d: &mut Diagnostics| {
        let parsed = tanggal::parse(&s.value);
        if parsed.is_none() {
            d.push(
                Diagnostic::error(format!("tanggal `{}` tidak dapat dibaca", s.value))
                    .at(yaml::place(file, &s.referenced))
                    .hint("tulis tanggal sebagai TAHUN-BULAN-HARI, misalnya 2024-01-20"),
            );
        }
        parsed
    };
    let fallback = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date");
    let pembuatan = date(&b.tanggal.pembuatan, bf, &mut d).unwrap_or(fallback);
    let revisi = date(&b.tanggal.revisi, bf, &mut d).unwrap_or(fallback);
    let efektif = date(&b.tanggal.efektif, bf, &mut d).unwrap_or(fallback);

    let orang = |o: &Orang, peran: &str, d: &mut Diagnostics| {
        let nip = match Nip::parse(&o.nip.value) {
            Ok(n) => n.format(b.format_nip),
            Err(msg) => {
                d.push(Diagnostic::error(msg).at(yaml::place(bf, &o.nip.referenced)));
                o.nip.value.clone()
            }
        };
        OrangView {
            peran: peran.into(),
            jabatan: o.jabatan.clone(),
            nama: o.nama.clone(),
            nip,
        }
    };
    let pejabat = vec![
        orang(&b.pejabat.penyusun, "DISUSUN OLEH", &mut d),
        orang(&b.pejabat.pemeriksa, "DIPERIKSA OLEH", &mut d),
        orang(&b.pejabat.pengesah, "DISAHKAN OLEH", &mut d),
    ];

    let mut sops = Vec::new();
    let mut seen_numbers: HashMap<String, usize> = HashMap::new();
    for (i, (file, sop)) in c.sops.iter().enumerate() {
        let urut = i + 1;
        let tgl = |own: &Option<Spanned<String>>, default, d: &mut Diagnostics| match own {
            Some(s) => date(s, file, d).unwrap_or(default),
            None => default,
        };
        let t_pembuatan = tgl(&sop.tanggal.pembuatan, pembuatan, &mut d);
        let t_revisi = tgl(&sop.tanggal.revisi, revisi, &mut d);
        let t_efektif = tgl(&sop.tanggal.efektif, efektif, &mut d);
        let nomor = match nomor::isi(
            &b.nomor.value,
            &nomor::Nilai {
                urut,
                bulan: tanggal::bulan_romawi(t_revisi),
                tahun: b.tahun,
            },
        ) {
            Ok(n) => n,
            Err(msg) => {
                if i == 0 {
                    d.push(Diagnostic::error(msg).at(yaml::place(bf, &b.nomor.referenced)));
                }
                String::new()
            }
        };
        if let Some(prev) = seen_numbers.insert(nomor.clone(), urut) {
            if !nomor.is_empty() {
                d.push(
                    Diagnostic::error(format!(
                        "nomor SOP `{nomor}` dipakai oleh SOP {prev} dan SOP {urut}"
                    ))
                    .at(yaml::place(bf, &b.nomor.referenced)),
                );
            }
        }
        let langkah = rows(i, file, sop, breaks, &mut d);
        sops.push(SopView {
            urut,
            nomor,
            judul: sop.judul.clone(),
            revisi: sop.revisi,
            tgl_pembuatan: tanggal::dua_digit(t_pembuatan),
            tgl_revisi: tanggal::dua_digit(t_revisi),
            tgl_efektif: tanggal::dua_digit(t_efektif),
            dasar_hukum: sop.dasar_hukum.clone(),
            kualifikasi: sop.kualifikasi.clone(),
            keterkaitan: sop.keterkaitan.clone(),
            peralatan: sop.peralatan.clone(),
            peringatan: sop.peringatan.clone(),
            pencatatan: sop.pencatatan.clone(),
            pelaksana: sop.pelaksana.iter().map(|p| p.value.clone()).collect(),
            langkah,
        });
    }
    if d.has_errors() {
        return Err(d);
    }

    let p = &b.pengadilan;
    let nama_lengkap = match &p.kelas {
        Some(k) => format!("{} Kelas {k}", p.nama),
        None => p.nama.clone(),
    };
    let (lebar, tinggi) = match b.kertas {
        Kertas::A4 => (210.0, 297.0),
        Kertas::F4 => (215.0, 330.0),
    };
    let view = View {
        meta: Meta {
            judul: format!(
                "Standar Operasional Prosedur {} {} {}",
                b.unit.nama, nama_lengkap, b.tahun
            ),
            penulis: p.nama.clone(),
            subjek: format!(
                "Buku SOP {} {} tahun {}",
                b.unit.jenis, b.unit.nama, b.tahun
            ),
            kata_kunci: vec![
                "SOP".into(),
                b.unit.kode.clone(),
                p.nama.clone(),
                b.tahun.to_string(),
            ],
            tahun: chrono::Datelike::year(&efektif),
            bulan: chrono::Datelike::month(&efektif),
            hari: chrono::Datelike::day(&efektif),
        },
        kertas: Paper { lebar, tinggi },
        pengadilan: PengadilanView {
            nama: p.nama.clone(),
            kelas: p.kelas.clone(),
            alamat: p.alamat.clone(),
            alamat_singkat: p.alamat_singkat.clone().unwrap_or_else(|| p.alamat.clone()),
            telepon: p.telepon.clone(),
            faks: p.faks.clone(),
            whatsapp: p.whatsapp.clone(),
            email: p.email.clone(),
            website: p.website.clone(),
        },
        unit: UnitView {
            nama: b.unit.nama.clone(),
            jenis: b.unit.jenis.clone(),
            kode: b.unit.kode.clone(),
        },
        tahun: b.tahun,
        tanggal: TanggalView {
            pembuatan: tanggal::panjang_kapital(pembuatan),
            revisi: tanggal::panjang_kapital(revisi),
            efektif: tanggal::panjang_kapital(efektif),
        },
        pengesah: pejabat[2].clone(),
        pejabat,
        bagan: b.bagan.clone(),
        sops,
    };
    Ok((view, d))
}

/// The rows of one SOP's table, with symbols and arrows from the flow module.
fn rows(
    sop_i: usize,
    file: &Path,
    sop: &Sop,
    breaks: &Breaks,
    d: &mut Diagnostics,
) -> Vec<RowView> {
    let lanes: Vec<&str> = sop.pelaksana.iter().map(|p| p.value.as_str()).collect();
    if lanes.is_empty() {
        d.push(
            Diagnostic::error(format!("SOP `{}` tidak menyebut `pelaksana`", sop.judul)).at(None),
        );
        return Vec::new();
    }
    let mut nodes = Vec::new();
    for (i, step) in sop.langkah.iter().enumerate() {
        let mut ls = Vec::new();
        for name in step.value.pelaksana.value.items() {
            match lanes.iter().position(|l| *l == name) {
                Some(k) if !ls.contains(&k) => ls.push(k),
                Some(_) => {}
                None => {
                    let hint = match yaml::closest(&name, &lanes) {
                        Some(s) => format!("maksud Anda `{s}`?"),
                        None => format!("pelaksana yang dinyatakan: {}", lanes.join(", ")),
                    };
                    d.push(Diagnostic::error(format!(
                        "langkah {}: pelaksana `{name}` tidak ada dalam daftar `pelaksana` SOP ini",
                        i + 1
                    ))
                    .at(yaml::place(file, &step.value.pelaksana.referenced))
                    .hint(hint));
                }
            }
        }
        if ls.is_empty() {
            ls.push(0);
        }
        ls.sort_unstable();
        let keputusan = step.value.keputusan.as_ref().map(|k| {
            (
                k.ya.value.saturating_sub(1) as usize,
                k.tidak.value.saturating_sub(1) as usize,
            )
        });
        nodes.push(flow::Node {
            lanes: ls,
            keputusan,
        });
    }
    let flow = match flow::build(&nodes) {
        Ok(f) => f,
        Err(errs) => {
            for (step, msg) in errs {
                let at = sop
                    .langkah
                    .get(step)
                    .and_then(|s| yaml::place(file, &s.referenced));
                d.push(Diagnostic::error(msg).at(at));
            }
            return Vec::new();
        }
    };

    let mut out: Vec<RowView> = sop
        .langkah
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let s = &s.value;
            let own = &nodes[i].lanes;
            let mut lanes_v: Vec<LaneView> = (0..lanes.len())
                .map(|k| LaneView {
                    simbol: own.contains(&k).then_some(flow.symbols[i]),
                    join_to: None,
                    edges: Vec::new(),
                    conn_in: Vec::new(),
                })
                .collect();
            if own.len() > 1 {
                lanes_v[own[0]].join_to = Some(*own.last().expect("non-empty"));
            }
            RowView {
                no: i + 1,
                kegiatan: s.kegiatan.clone(),
                kelengkapan: s
                    .kelengkapan
                    .as_ref()
                    .map(|k| k.items())
                    .unwrap_or_default(),
                waktu: s.waktu.clone().unwrap_or_default(),
                output: s.output.clone().unwrap_or_default(),
                ket: s.ket.clone().unwrap_or_default(),
                lanes: lanes_v,
                conn_in: Vec::new(),
                conn_out: Vec::new(),
            }
        })
        .collect();

    let mut next_label = 0;
    for (e_i, e) in flow.edges.iter().enumerate() {
        let conn = breaks.contains(&(sop_i, e_i)).then(|| {
            let l = flow::connector_label(next_label);
            next_label += 1;
            l
        });
        let urutan = out[e.from].conn_out.len();
        if let Some(l) = &conn {
            out[e.from].conn_out.push(l.clone());
            out[e.to].conn_in.push(l.clone());
            out[e.to].lanes[e.to_lane].conn_in.push(l.clone());
        }
        let rute = if e.to == e.from + 1 {
            "bawah"
        } else {
            "samping"
        };
        out[e.from].lanes[e.from_lane].edges.push(EdgeView {
            to_step: e.to + 1,
            to_lane: e.to_lane,
            label: e.label.clone(),
            rute,
            conn,
            urutan,
        });
    }
    out
}

/// Every edge of the view, as `(sop, edge, from anchor, to anchor)`, in the
/// order `rows` numbers them, for the layout pass to check for page breaks.
pub fn edges(view: &View) -> Vec<(usize, usize, String, String)> {
    let mut all = Vec::new();
    for (s_i, sop) in view.sops.iter().enumerate() {
        let mut list = Vec::new();
        for row in &sop.langkah {
            for (lane_i, lane) in row.lanes.iter().enumerate() {
                for e in &lane.edges {
                    list.push((
                        row.no,
                        anchor(sop.urut, row.no, lane_i),
                        anchor(sop.urut, e.to_step, e.to_lane),
                    ));
                }
            }
        }
        // Edges were numbered in step order, lanes ascending within a step.
        for (e_i, (_, from, to)) in list.into_iter().enumerate() {
            all.push((s_i, e_i, from, to));
        }
    }
    all
}
