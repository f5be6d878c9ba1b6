//! The booklet-wide part of the view: document metadata, paper, the
//! court, the officials, the front matter's data and the drawing sizes.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::check::Checked;
use crate::content::Content;
use crate::content::model::{Buku, KendaliDokumen, Orientasi, StatusDokumen};
use crate::content::riwayat::Riwayat;
use crate::kontrak;
use crate::nilai::tanggal::{self, FormatTanggal};

/// The PDF's metadata.
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

/// Portrait size in millimetres, whether SOP pages turn it sideways, and
/// the SOP pages' margins.
#[derive(Debug, Clone, Serialize)]
pub struct Paper {
    pub lebar: f64,
    pub tinggi: f64,
    pub lanskap: bool,
    pub tepi_x: f64,
    pub tepi_atas: f64,
    pub tepi_bawah: f64,
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

impl TanggalView {
    /// Creation, revision and effective dates as the SOP pages print them;
    /// a revision not made yet prints `-`.
    pub(super) fn dicetak(
        [pembuatan, revisi, efektif]: [NaiveDate; 3],
        revisi_kosong: bool,
        f: FormatTanggal,
    ) -> Self {
        TanggalView {
            pembuatan: tanggal::cetak(pembuatan, f),
            revisi: match revisi_kosong {
                true => "-".into(),
                false => tanggal::cetak(revisi, f),
            },
            efektif: tanggal::cetak(efektif, f),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct OrangView {
    pub peran: String,
    pub jabatan: String,
    /// The position as the SOP pages' "Disahkan Oleh" prints it.
    pub jabatan_sop: String,
    pub nama: String,
    pub nip: String,
}

/// The document control box: every status, the chosen one ticked.
#[derive(Debug, Clone, Serialize)]
pub struct KendaliView {
    pub status: Vec<StatusView>,
    pub no_salinan: String,
}

/// What the cover prints besides the court, the unit and the year.
#[derive(Debug, Clone, Serialize)]
pub struct SampulView {
    pub semboyan: Option<String>,
    pub judul: Option<String>,
    pub kode: Option<String>,
    /// The booklet's dates as the SOP pages print them, when asked for.
    pub tanggal: Option<TanggalView>,
}

/// One status of the control box.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub teks: String,
    pub dicentang: bool,
}

/// One revision of one SOP, for the RIWAYAT REVISI page.
#[derive(Debug, Clone, Serialize)]
pub struct RiwayatView {
    pub judul: String,
    /// The revision number, or `ditarik` for a withdrawn SOP.
    pub revisi: String,
    pub tanggal: String,
    pub catatan: String,
}

/// Flowchart sizes the templates draw with: millimetres, the label in
/// points.
#[derive(Debug, Clone, Serialize)]
pub struct AlurView {
    pub lebar_simbol: f64,
    pub tinggi_simbol: f64,
    pub penghubung: f64,
    /// The branch labels' size (points) and font.
    pub label: f64,
    pub font_label: &'static str,
    pub ujung_panah: f64,
}

/// The virtual paths Typst reads the library and the logos from; a logo
/// the booklet does not name has none and is not printed.
#[derive(Debug, Clone, Serialize)]
pub struct JalurView {
    pub pustaka: &'static str,
    pub logo_pengadilan: Option<&'static str>,
    pub logo_berakhlak: Option<&'static str>,
    pub logo_bangga: Option<&'static str>,
}

pub(super) fn jalur(b: &Buku) -> JalurView {
    let ada = |logo: &Option<_>, path| logo.as_ref().map(|_| path);
    JalurView {
        pustaka: kontrak::PUSTAKA,
        logo_pengadilan: ada(&b.pengadilan.logo, kontrak::LOGO_PENGADILAN),
        logo_berakhlak: ada(&b.sampul.logo_berakhlak, kontrak::LOGO_BERAKHLAK),
        logo_bangga: ada(&b.sampul.logo_bangga, kontrak::LOGO_BANGGA),
    }
}

pub(super) fn meta(c: &Content, checked: &Checked) -> Meta {
    let b = &c.buku;
    let p = &b.pengadilan;
    let tahun = checked.tanggal.tahun;
    let efektif = checked.tanggal.efektif;
    let nama_lengkap = match &p.kelas {
        Some(k) => format!("{} Kelas {k}", p.nama),
        None => p.nama.clone(),
    };
    let u = &b.unit;
    let words = |w: &[&str]| {
        w.iter()
            .filter(|w| !w.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let tahun_teks = tahun.to_string();
    Meta {
        judul: words(&[
            "Standar Operasional Prosedur",
            &u.nama,
            &nama_lengkap,
            &tahun_teks,
        ]),
        penulis: p.nama.clone(),
        subjek: words(&["Buku SOP", &u.jenis, &u.nama, "tahun", &tahun_teks]),
        kata_kunci: ["SOP", &u.kode, &p.nama, &tahun_teks]
            .into_iter()
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect(),
        tahun: efektif.year(),
        bulan: efektif.month(),
        hari: efektif.day(),
    }
}

pub(super) fn paper(b: &Buku) -> Paper {
    let (lebar, tinggi) = b.kertas.ukuran_mm();
    Paper {
        lebar,
        tinggi,
        lanskap: b.gaya.orientasi == Orientasi::Lanskap,
        tepi_x: kontrak::TEPI_X,
        tepi_atas: kontrak::TEPI_ATAS,
        tepi_bawah: kontrak::TEPI_BAWAH,
    }
}

pub(super) fn pengadilan(b: &Buku) -> PengadilanView {
    let p = &b.pengadilan;
    PengadilanView {
        nama: p.nama.clone(),
        kelas: p.kelas.clone(),
        alamat: p.alamat.clone(),
        alamat_singkat: p.alamat_singkat.clone().unwrap_or_else(|| p.alamat.clone()),
        telepon: p.telepon.clone(),
        faks: p.faks.clone(),
        whatsapp: p.whatsapp.clone(),
        email: p.email.clone(),
        website: p.website.clone(),
    }
}

pub(super) fn unit(b: &Buku) -> UnitView {
    UnitView {
        nama: b.unit.nama.clone(),
        jenis: b.unit.jenis.clone(),
        kode: b.unit.kode.clone(),
    }
}

pub(super) fn tanggal(checked: &Checked) -> TanggalView {
    let t = &checked.tanggal;
    TanggalView {
        pembuatan: tanggal::panjang_kapital(t.pembuatan),
        revisi: match t.revisi_kosong {
            true => "-".into(),
            false => tanggal::panjang_kapital(t.revisi),
        },
        efektif: tanggal::panjang_kapital(t.efektif),
    }
}

/// Penyusun, pemeriksa and pengesah, with their NIPs as the booklet
/// prints them.
pub(super) fn pejabat(c: &Content, checked: &Checked) -> Vec<OrangView> {
    let b = &c.buku;
    let p = &b.pejabat;
    [
        (p.penyusun.as_ref(), "DISUSUN OLEH"),
        (p.pemeriksa.as_ref(), "DIPERIKSA OLEH"),
        (Some(&p.pengesah), "DISAHKAN OLEH"),
    ]
    .into_iter()
    .zip(&checked.nip)
    .map(|((o, peran), nip)| OrangView {
        peran: peran.into(),
        jabatan: o.map(|o| o.jabatan.clone()).unwrap_or_default(),
        jabatan_sop: o
            .map(|o| match &o.jabatan_di_sop {
                Some(j) => j.clone(),
                None => format!("{} {}", o.jabatan, b.pengadilan.nama),
            })
            .unwrap_or_default(),
        nama: o.and_then(|o| o.nama.clone()).unwrap_or_default(),
        nip: nip
            .as_ref()
            .map(|n| n.format(b.format_nip))
            .unwrap_or_default(),
    })
    .collect()
}

pub(super) fn alur(b: &Buku) -> AlurView {
    AlurView {
        lebar_simbol: b.bagan.lebar_simbol,
        tinggi_simbol: b.bagan.tinggi_simbol,
        penghubung: kontrak::PENGHUBUNG,
        label: kontrak::LABEL_PT,
        font_label: kontrak::LABEL_FONT,
        ujung_panah: kontrak::UJUNG_PANAH,
    }
}

pub(super) fn sampul(b: &Buku, checked: &Checked) -> SampulView {
    let s = &b.sampul;
    let t = &checked.tanggal;
    SampulView {
        semboyan: s.semboyan.clone(),
        judul: s.judul.clone(),
        kode: s.kode.clone(),
        tanggal: s.tanggal.then(|| {
            TanggalView::dicetak(
                [t.pembuatan, t.revisi, t.efektif],
                t.revisi_kosong,
                b.gaya.format_tanggal,
            )
        }),
    }
}

pub(super) fn kendali(k: &KendaliDokumen) -> KendaliView {
    KendaliView {
        status: StatusDokumen::SEMUA
            .into_iter()
            .map(|s| StatusView {
                teks: s.teks().into(),
                dicentang: k.status == Some(s),
            })
            .collect(),
        no_salinan: k.no_salinan.clone().unwrap_or_default(),
    }
}

/// Every recorded revision, oldest first, then withdrawals.
pub(super) fn riwayat(r: &Riwayat) -> Vec<RiwayatView> {
    let date = |s: &str| {
        tanggal::parse(s)
            .map(tanggal::dua_digit)
            .unwrap_or_else(|| s.to_string())
    };
    let mut rows: Vec<(String, usize, RiwayatView)> = Vec::new();
    for (k, h) in r.sop.iter().enumerate() {
        for v in &h.revisi {
            let row = RiwayatView {
                judul: h.judul.clone(),
                revisi: v.nomor.to_string(),
                tanggal: date(&v.tanggal),
                catatan: v.catatan.clone().unwrap_or_default(),
            };
            rows.push((v.tanggal.clone(), k, row));
        }
        if let Some(t) = &h.ditarik {
            let row = RiwayatView {
                judul: h.judul.clone(),
                revisi: "ditarik".into(),
                tanggal: date(t),
                catatan: String::new(),
            };
            rows.push((t.clone(), k, row));
        }
    }
    rows.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    rows.into_iter().map(|(_, _, v)| v).collect()
}
