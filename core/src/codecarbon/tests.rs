use super::*;

const CURRENT: &str = "timestamp,project_name,run_id,experiment_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,os,python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model,longitude,latitude,ram_total_size,tracking_mode,on_cloud,pue
2024-05-01T10:00:00,llm,5b0fa12a-3dd7-45bb-9766-cc326314d9f1,e1,7200.5,1.2345,0.0001714,42.5,300.1,10.0,0.085,0.6,0.02,0.705,France,FRA,île-de-france,,,Linux,3.11.7,2.4.1,32,AMD EPYC 7763,4,4 x NVIDIA A100-SXM4-80GB,2.35,48.85,256,machine,N,1.0
2024-05-02T10:00:00,llm,6c1fa12a-3dd7-45bb-9766-cc326314d9f1,e1,3600,0.5,0.0001389,42.5,300.1,10.0,0.04,0.3,0.01,0.35,France,FRA,île-de-france,gcp,europe-west9,Linux,3.11.7,2.4.1,32,AMD EPYC 7763,,,2.35,48.85,256,process,Y,1.1
";

fn opts() -> ImportOptions {
    ImportOptions::new(Phase::Exploration)
}

fn err_text(text: &str) -> Result<usize, String> {
    parse_emissions_csv(text, Phase::Exploration).map(|r| r.len()).map_err(|e| e.to_string())
}

#[test]
fn current_format_imports_with_measured_values_kept() {
    let runs = parse_emissions_csv(CURRENT, Phase::Exploration).expect("valid file");
    assert_eq!(runs.len(), 2);
    let m = runs[0].measured().expect("measured");
    assert_eq!(m.energy_kwh, 0.705);
    assert_eq!(m.emissions_kg, 1.2345);
    assert!((m.duration_h - 7200.5 / 3600.0).abs() < 1e-12);
    assert_eq!(m.hardware, "4 x NVIDIA A100-SXM4-80GB");
    assert_eq!(m.location, "île-de-france, France");
    assert_eq!(runs[0].label, "llm 5b0fa12a");
    assert_eq!(m.source, "CodeCarbon 2.4.1 emissions.csv, run 5b0fa12a, line 2");
    assert_eq!((m.pue, m.pue_applied, m.tracking_mode.as_str()), (Some(1.0), None, "machine"));
    assert_eq!((m.cpu_energy_kwh, m.gpu_energy_kwh, m.ram_energy_kwh), (Some(0.085), Some(0.6), Some(0.02)));
    assert_eq!(m.run_id, "5b0fa12a-3dd7-45bb-9766-cc326314d9f1");
    let m1 = runs[1].measured().expect("measured");
    assert_eq!(m1.hardware, "AMD EPYC 7763");
    assert_eq!(m1.location, "gcp, europe-west9, île-de-france, France");
    assert_eq!((m1.pue, m1.tracking_mode.as_str()), (Some(1.1), "process"));
    assert_eq!(runs[1].phase, Phase::Exploration);
    let named = import(CURRENT, "emissions.csv", &opts()).expect("valid");
    assert_eq!(
        named.runs[0].measured().map(|m| m.source.as_str()),
        Some("emissions.csv (CodeCarbon 2.4.1), run 5b0fa12a, line 2")
    );
    assert_eq!(named.summary(), "2 runs imported");
}

#[test]
fn old_format_without_most_columns_imports() {
    let old = "timestamp,project_name,duration,emissions,energy_consumed,country_name,country_iso_code,region,on_cloud,cloud_provider,cloud_region\n\
               2021-03-01T12:00:00,codecarbon,120.0,0.0012,0.004,Canada,CAN,quebec,N,,\n";
    let report = import(old, "old.csv", &ImportOptions::new(Phase::FinalTraining)).expect("old file");
    assert_eq!(report.runs.len(), 1);
    assert_eq!(report.runs[0].label, "codecarbon #1");
    let m = report.runs[0].measured().expect("measured");
    assert_eq!((m.emissions_kg, m.pue), (0.0012, None));
    assert_eq!(m.source, "old.csv (CodeCarbon), line 2");
    assert!(report.warnings.iter().any(|w| w.message.contains("no pue column")), "{:?}", report.warnings);
}

#[test]
fn cumulative_rows_of_a_run_are_one_run_its_last_row() {
    let f = "run_id,duration,emissions,energy_consumed\na,10,1,2\nb,5,1,1\na,20,2,4\n,7,1,1\na,30,3,6\n,8,1,1\n";
    let r = import(f, "f.csv", &opts()).expect("valid");
    let got: Vec<(usize, f64)> =
        r.origins.iter().zip(&r.runs).map(|(o, run)| (o.line, run.measured().map_or(0.0, |m| m.energy_kwh))).collect();
    assert_eq!(got, vec![(3, 1.0), (5, 1.0), (6, 6.0), (7, 1.0)]);
    assert_eq!(r.superseded, 2);
    assert_eq!(
        r.summary(),
        "4 runs imported; 2 cumulative rows merged into the last row of their run (CodeCarbon's rows are running totals)"
    );
    assert_eq!(r.runs[1].label, "CodeCarbon run 2");
    // A later row smaller than an earlier one is kept but named.
    let shrinking = "run_id,duration,emissions,energy_consumed\na,20,2,4\na,10,1,2\n";
    let r = import(shrinking, "s.csv", &opts()).expect("valid");
    assert_eq!(r.runs.len(), 1);
    assert!(r.warnings.iter().any(|w| w.line == 3 && w.message.contains("smaller")), "{:?}", r.warnings);
}

#[test]
fn empty_rows_are_skipped_and_reported_by_line() {
    let f = "run_id,duration,emissions,energy_consumed\na,10,1,2\nb,10,,\nc,10,,\nd,,1,1\ne,10,nan,1\nf,10,1,1\n";
    let r = import(f, "f.csv", &opts()).expect("valid");
    assert_eq!(r.runs.len(), 2);
    let skipped: Vec<(usize, String)> = r.skipped.iter().map(|s| (s.line, s.reason())).collect();
    assert_eq!(
        skipped,
        vec![
            (3, "no emissions or energy".into()),
            (4, "no emissions or energy".into()),
            (5, "no duration".into()),
            (6, "no emissions".into())
        ]
    );
    assert_eq!(
        r.summary(),
        "2 runs imported; 4 rows skipped: lines 3–4 have no emissions or energy, line 5 has no duration, line 6 has no emissions"
    );
    assert_eq!(
        err_text("duration,emissions,energy_consumed\n1,,\n2,,\n"),
        Err("no usable rows: lines 2–3 have no emissions or energy".into())
    );
}

#[test]
fn malformed_files_name_the_line() {
    assert_eq!(
        err_text("timestamp,duration,emissions\n1,2,3\n"),
        Err("Line 1: no “energy_consumed” column: this does not look like CodeCarbon's emissions.csv (it needs duration, emissions and energy_consumed)".into())
    );
    assert_eq!(
        err_text("duration,emissions,energy_consumed\n10,0.1,0.2\n20,abc,0.3\n"),
        Err("Line 3: emissions (kg) “abc” is not a number".into())
    );
    assert_eq!(
        err_text("duration,emissions,energy_consumed\n10,0.1,0.2\n10,0.1,0.2\n20,0.3\n"),
        Err("Line 4: 2 fields where the header has 3".into())
    );
    assert_eq!(
        err_text("duration,emissions,energy_consumed\n10,-0.1,0.2\n"),
        Err("Line 2: emissions (kg) must be a finite, non-negative number".into())
    );
    assert_eq!(
        err_text("duration,emissions,energy_consumed\n10,inf,0.2\n"),
        Err("Line 2: emissions (kg) “inf” is not a finite number".into())
    );
    assert_eq!(
        err_text("duration,emissions,energy_consumed\n10,1e300,0.2\n"),
        Err("Line 2: emissions (kg) “1e300” is implausibly large".into())
    );
    assert_eq!(
        err_text("duration,emissions,energy_consumed\n10,\"0,5\",0.2\n"),
        Err("Line 2: emissions (kg) “0,5” is not a number (a decimal comma is read only in files separated by semicolons or tabs)".into())
    );
    assert_eq!(
        err_text("duration,emissions,energy_consumed,cpu_model\n10,\"x\ny\",0.2,a\n"),
        Err("Line 2: emissions (kg) “x y” is not a number".into()),
        "a quoted newline is flattened in the message"
    );
    assert_eq!(err_text("duration,emissions,energy_consumed\n"), Err("the file has a header but no runs".into()));
    assert_eq!(err_text(""), Err("the file is empty".into()));
    assert_eq!(err_text("\u{feff}\r\n \n"), Err("the file is empty".into()));
    assert!(err_text("\u{0}\u{1}garbage").is_err());
    // With a name, messages carry it.
    let e =
        import("duration,emissions,energy_consumed\n1,x,1\n", "a.csv", &opts()).map(|_| ()).map_err(|e| e.to_string());
    assert_eq!(e, Err("a.csv, line 2: emissions (kg) “x” is not a number".into()));
    let e = import("a,b\n1,2\n", "b.csv", &opts()).map(|_| ()).map_err(|e| e.to_string());
    assert!(e.is_err_and(|e| e.starts_with("b.csv, line 1: no “duration” column")));
    let bad_pue = ImportOptions { phase: Phase::Exploration, apply_pue: Some(0.5) };
    assert!(import(CURRENT, "x", &bad_pue).is_err());
}

#[test]
fn line_numbers_are_the_files_lines() {
    // CRLF, a BOM, blank lines, a quoted field over two lines, a lone CR.
    let f = "\u{feff}duration,emissions,energy_consumed,cpu_model\r\n10,1,1,a\r\n\r\n\r\n10,1,1,\"two\r\nlines\"\r\n10,1,1,b\r10,x,1,c\r\n";
    assert_eq!(err_text(f), Err("Line 8: emissions (kg) “x” is not a number".into()));
    let ok = &f[..f.find("10,x").unwrap_or(0)];
    let r = import(ok, "", &opts()).expect("valid");
    assert_eq!(r.origins.iter().map(|o| o.line).collect::<Vec<_>>(), vec![2, 5, 7]);
    assert!(r.files[0].bom && r.files[0].crlf);
    // Leading blank lines before the header.
    assert_eq!(
        err_text("\n\nduration,emissions,energy_consumed\n1,2\n"),
        Err("Line 4: 2 fields where the header has 3".into())
    );
}

#[test]
fn semicolons_with_decimal_commas_read() {
    let f = "run_id;duration;emissions;energy_consumed;python_version;pue\na;3,5;1,25e-06;2,5e-05;3.11.7;1,0\n";
    let r = import(f, "s.csv", &opts()).expect("valid");
    let m = r.runs[0].measured().expect("measured");
    assert_eq!((m.duration_h * 3600.0, m.emissions_kg, m.energy_kwh, m.pue), (3.5, 1.25e-06, 2.5e-05, Some(1.0)));
    assert_eq!((r.files[0].delimiter, r.files[0].decimal_comma), (';', true));
    let tabs = "duration\temissions\tenergy_consumed\n1.5\t2\t3\n";
    assert_eq!(import(tabs, "t.tsv", &opts()).map(|r| r.files[0].delimiter), Ok('\t'));
}

#[test]
fn a_repeated_header_starts_a_section_with_its_own_columns() {
    let f = "run_id,duration,emissions,energy_consumed\na,1,1,1\nduration,energy_consumed,emissions,run_id,pue\n2,3,4,b,1.2\n2,3,4,a,1.2\n";
    let r = import(f, "c.csv", &opts()).expect("valid");
    assert_eq!(r.files[0].header_lines, vec![1, 3]);
    let got: Vec<(String, f64, f64, Option<f64>)> = r
        .runs
        .iter()
        .filter_map(Run::measured)
        .map(|m| (m.run_id.clone(), m.energy_kwh, m.emissions_kg, m.pue))
        .collect();
    assert_eq!(got, vec![("b".into(), 3.0, 4.0, Some(1.2)), ("a".into(), 3.0, 4.0, Some(1.2))]);
    assert_eq!(r.superseded, 1);
    // `cat` of two files that each start with a byte-order mark.
    let boms = "\u{feff}duration,emissions,energy_consumed\n1,1,1\n\u{feff}duration,emissions,energy_consumed\n2,2,2\n";
    assert_eq!(import(boms, "", &opts()).map(|r| (r.runs.len(), r.files[0].header_lines.clone())), Ok((2, vec![1, 3])));
    // A later part's rows are checked against its own header.
    assert_eq!(
        err_text("duration,emissions,energy_consumed\n1,1,1\nduration,emissions,energy_consumed,pue\n1,1,1\n"),
        Err("Line 4: 3 fields where the header on line 3 has 4".into())
    );
    assert_eq!(
        err_text("duration,emissions,energy_consumed\n1,1,1\nduration;emissions;energy_consumed\n"),
        Err("Line 3: a header row with another separator: files with different separators cannot be joined into one; import them as separate files".into())
    );
}

#[test]
fn several_files_count_a_run_id_once() {
    let a = "run_id,duration,emissions,energy_consumed\nx,10,1,2\ny,5,1,1\n";
    let b = "run_id,duration,emissions,energy_consumed\nx,20,2,4\nz,1,1,1\ny,4,1,1\n";
    let r = import_files(&[SourceFile { name: "a.csv", text: a }, SourceFile { name: "b.csv", text: b }], &opts())
        .expect("valid");
    let got: Vec<(String, usize, String)> = r
        .origins
        .iter()
        .zip(&r.runs)
        .filter_map(|(o, run)| Some((o.file.clone(), o.line, run.measured()?.run_id.clone())))
        .collect();
    assert_eq!(
        got,
        vec![("a.csv".into(), 3, "y".into()), ("b.csv".into(), 2, "x".into()), ("b.csv".into(), 3, "z".into())]
    );
    assert_eq!(r.duplicates.len(), 2);
    assert_eq!(r.duplicates[0].kept, RowRef { file: "b.csv".into(), line: 2 });
    assert_eq!(r.duplicates[1].dropped, RowRef { file: "b.csv".into(), line: 4 });
    assert_eq!(r.summary(), "3 runs imported from 2 files; 2 run_ids in more than one file, counted once");
    assert_eq!((r.files[0].runs, r.files[1].runs), (1, 2));
    let e = import_files(&[SourceFile { name: "a.csv", text: a }, SourceFile { name: "bad.csv", text: "x" }], &opts());
    assert!(e.is_err_and(|e| e.to_string().starts_with("bad.csv, line 1: no “duration” column")));
}

#[test]
fn the_locations_pue_is_applied_only_where_the_file_says_one() {
    let f =
        "run_id,duration,emissions,energy_consumed,cpu_energy,pue\na,10,1,2,1.5,1.0\nb,10,1,2,1.5,1.2\nc,10,1,2,1.5,\n";
    let plain = import(f, "p.csv", &opts()).expect("valid");
    assert_eq!(plain.pue_applied, 0);
    assert!(
        plain.warnings.iter().any(|w| w.message.starts_with("1 run is recorded with CodeCarbon's PUE 1.0")),
        "{:?}",
        plain.warnings
    );
    let applied =
        import(f, "p.csv", &ImportOptions { phase: Phase::Exploration, apply_pue: Some(1.5) }).expect("valid");
    type Figures = (f64, f64, Option<f64>, Option<f64>, Option<f64>);
    let got: Vec<Figures> = applied
        .runs
        .iter()
        .filter_map(Run::measured)
        .map(|m| (m.energy_kwh, m.emissions_kg, m.cpu_energy_kwh, m.pue, m.pue_applied))
        .collect();
    assert_eq!(
        got,
        vec![
            (3.0, 1.5, Some(2.25), Some(1.0), Some(1.5)),
            (2.0, 1.0, Some(1.5), Some(1.2), None),
            (2.0, 1.0, Some(1.5), None, None)
        ]
    );
    assert_eq!(applied.summary(), "3 runs imported; PUE 1.5 applied to 1 run recorded at CodeCarbon's PUE 1.0");
}

#[test]
fn ten_thousand_rows_import() {
    let mut f = String::from("duration,emissions,energy_consumed\n");
    for i in 0..10_000 {
        f.push_str(&format!("{},{},{}\n", 3600 + i, 0.001 * i as f64, 0.002 * i as f64));
    }
    let runs = parse_emissions_csv(&f, Phase::HyperparameterSearch).expect("valid");
    assert_eq!(runs.len(), 10_000);
    let total: f64 = runs.iter().filter_map(|r| r.measured()).map(|m| m.emissions_kg).sum();
    // 0.001 × (0 + … + 9999) = 0.001 × 49,995,000 = 49,995
    assert!((total - 49_995.0).abs() < 1e-6, "{total}");
}

#[test]
fn line_ranges_join_consecutive_lines() {
    assert_eq!(line_ranges(&[6, 7, 9, 11, 12, 13]), "6–7, 9, 11–13");
    assert_eq!(line_ranges(&[]), "");
}
