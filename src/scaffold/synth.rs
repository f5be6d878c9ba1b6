//! Synthetic content for benchmarks and stress tests: N SOPs of M steps
//! over K roles, with decisions that loop back and skip forward and shared
//! steps, deterministic for the same numbers.

use std::fmt::Write as _;
use std::path::Path;

const KATA: [&str; 12] = [
    "menerima",
    "memeriksa",
    "mencatat",
    "menyusun",
    "mengirim",
    "meneliti",
    "mengarsipkan",
    "melaporkan",
    "memaraf",
    "menandatangani",
    "mengunggah",
    "memverifikasi",
];
const OBJEK: [&str; 8] = [
    "surat masuk",
    "laporan bulanan",
    "data perkara",
    "berkas anggaran",
    "dokumen kepegawaian",
    "konsep keputusan",
    "agenda kegiatan",
    "cadangan basis data",
];

/// Writes `buku.yaml` and `sop/NNNN.yaml` files into `dir`, which must
/// not hold any file yet.
pub fn write(dir: &Path, sops: usize, steps: usize, roles: usize) -> std::io::Result<()> {
    let roles = roles.clamp(1, 6);
    let steps = steps.max(2);
    if std::fs::read_dir(dir).is_ok_and(|mut e| e.next().is_some()) {
        return Err(crate::files::galat(
            std::io::ErrorKind::AlreadyExists,
            "folder sudah berisi berkas; pilih folder baru atau kosong",
        ));
    }
    crate::files::tulis(&dir.join("buku.yaml"), BUKU.as_bytes())?;
    for s in 0..sops {
        crate::files::tulis(
            &dir.join("sop").join(format!("{:04}.yaml", s + 1)),
            sop(s, steps, roles).as_bytes(),
        )?;
    }
    Ok(())
}

fn sop(s: usize, steps: usize, roles: usize) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "judul: PROSEDUR SINTETIS NOMOR {}", s + 1);
    let _ = writeln!(y, "revisi: {}", s % 8);
    y.push_str("dasar_hukum:\n  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n  - Peraturan Sekretaris Mahkamah Agung Nomor 002 Tahun 2012\n");
    y.push_str("kualifikasi:\n  - Strata Satu (S1)\nketerkaitan:\n  - SOP Pelayanan Informasi\nperalatan:\n  - Komputer\n  - ATK\n");
    y.push_str("peringatan: Jika SOP ini tidak dilaksanakan, pelayanan terhambat\npencatatan:\n  - Buku register\npelaksana:\n");
    for r in 0..roles {
        let _ = writeln!(y, "  - Peran {}", r + 1);
    }
    y.push_str("langkah:\n");
    for i in 0..steps {
        // A deterministic walk over the lanes, with repeats and jumps.
        let lane = (i * 7 + s * 3 + i / 3) % roles;
        let pelaksana = if roles >= 3 && i % 8 == 5 {
            format!(
                "[Peran {}, Peran {}]",
                lane.min(roles - 2) + 1,
                lane.min(roles - 2) + 2
            )
        } else {
            format!("Peran {}", lane + 1)
        };
        let _ = writeln!(
            y,
            "  - kegiatan: {} {} tahap {} untuk prosedur {}\n    pelaksana: {pelaksana}\n    kelengkapan: {}\n    waktu: {} Menit\n    output: {} yang sudah {}",
            capital(KATA[(i + s) % KATA.len()]),
            OBJEK[(i * 5 + s) % OBJEK.len()],
            i + 1,
            s + 1,
            capital(OBJEK[(i + 2 * s) % OBJEK.len()]),
            5 * (1 + (i + s) % 6),
            capital(OBJEK[(i * 3 + s) % OBJEK.len()]),
            KATA[(i * 2 + s) % KATA.len()].trim_start_matches("me"),
        );
        // Decisions: loops back and skips forward (1-based step numbers;
        // step i + 2 is the next one), never on the last step.
        if i + 1 < steps && i % 6 == 4 {
            let _ = writeln!(
                y,
                "    keputusan: {{ya: {}, tidak: {}}}",
                i + 2,
                i.saturating_sub(2) + 1
            );
        } else if i + 4 < steps && i % 9 == 7 {
            let _ = writeln!(y, "    keputusan: {{ya: {}, tidak: {}}}", i + 2, i + 4);
        }
    }
    y
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

const BUKU: &str = r#"# Buku SOP sintetis untuk uji kinerja (dibuat oleh `bukusop sintetis`).
pengadilan:
  nama: Pengadilan Negeri Contoh
  kelas: IA
  alamat: Jalan Contoh Nomor 1, Kota Contoh
  telepon: (0000) 123456
  email: pn-contoh@example.go.id
  website: www.pn-contoh.go.id
unit:
  nama: PERENCANAAN, TI DAN PELAPORAN
  jenis: SUBBAG
  kode: PTIP
tahun: 2024
tanggal:
  pembuatan: 2017-01-09
  revisi: 2024-01-20
  efektif: 2024-01-21
pejabat:
  penyusun:
    jabatan: Kepala Subbagian Perencanaan, TI dan Pelaporan
    nama: Nama Penyusun, S.Kom.
    nip: "199212032015032002"
  pemeriksa:
    jabatan: Sekretaris
    nama: Nama Pemeriksa, S.T., M.H.
    nip: "198204242009121004"
  pengesah:
    jabatan: Ketua
    nama: Nama Ketua, S.H.
    nip: "197803022002121005"
nomor: "{urut}/KPN.X/SOP.PTIP/OT1.2/{bulan}/{tahun}"
berkas: sop-sintetis
"#;
