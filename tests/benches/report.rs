//! Reads criterion's medians back and prints the comparison table and the target ratios.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// Median nanoseconds of `group/function`, from criterion's `estimates.json`.
fn median(output: &Path, group: &str, function: &str) -> Option<f64> {
    let text =
        std::fs::read_to_string(output.join(group).join(function).join("new/estimates.json"))
            .ok()?;
    let estimates: serde_json::Value = serde_json::from_str(&text).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

fn geomean(values: &[f64]) -> f64 {
    (values.iter().map(|v| v.ln()).sum::<f64>() / values.len() as f64).exp()
}

fn ns(v: Option<f64>) -> String {
    v.map_or("-".to_owned(), |v| format!("{v:.0}"))
}

pub fn render(output: &Path, quick: bool) -> String {
    let manifest = std::fs::read_to_string(output.join("payloads.tsv")).unwrap_or_default();
    let mut out = String::new();
    let mode = if quick {
        "quick: 10 samples in 120 ms each"
    } else {
        "full: 50 samples in 3 s each"
    };
    writeln!(out, "\n=== summary: medians in ns per document, {mode} ===").unwrap();
    writeln!(
        out,
        "{:<46} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>10}",
        "schema / payload",
        "bytes",
        "ours",
        "js-rt",
        "js-macro",
        "typify",
        "ours-typ",
        "val-ours",
        "val-js-rt",
        "val-js-mac"
    )
    .unwrap();
    let mut ratios: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    let mut early_vs_valid = Vec::new();
    for line in manifest.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let [schema, payload, bytes, valid] = fields[..] else {
            continue;
        };
        let group = format!("{}.{payload}", schema.replace('/', "."));
        let get = |f: &str| median(output, &group, f);
        let (ours, rt, mac) = (
            get("ours"),
            get("jsonschema-runtime"),
            get("jsonschema-macro"),
        );
        writeln!(
            out,
            "{:<46} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>10}",
            format!("{schema} / {payload}"),
            bytes,
            ns(ours),
            ns(rt),
            ns(mac),
            ns(get("typify-alone")),
            ns(get("ours-typed")),
            ns(get("validate-only-ours")),
            ns(get("validate-only-jsonschema-runtime")),
            ns(get("validate-only-jsonschema-macro")),
        )
        .unwrap();
        let mut push = |key: &'static str, a: Option<f64>, b: Option<f64>| {
            if let (Some(a), Some(b)) = (a, b) {
                ratios.entry(key).or_default().push(a / b);
            }
        };
        if valid == "true" {
            push("a_rt", rt, ours);
            push("a_macro", mac, ours);
            push("a_overhead", get("ours-typed"), get("typify-alone"));
            push("a_typify", get("typify-alone"), ours);
            push(
                "c_rt",
                get("validate-only-jsonschema-runtime"),
                get("validate-only-ours"),
            );
            push(
                "c_macro",
                get("validate-only-jsonschema-macro"),
                get("validate-only-ours"),
            );
            push("d_value", get("parse-value"), get("parse-tree"));
        } else {
            push("b_rt", rt, ours);
            push("b_macro", mac, ours);
        }
        if payload == "invalid-early" {
            let valid_group = format!("{}.large-valid", schema.replace('/', "."));
            if let (Some(valid), Some(early)) =
                (median(output, &valid_group, "ours"), get("ours-verdict"))
            {
                early_vs_valid.push(valid / early);
            }
        }
    }
    let g = |key: &str| ratios.get(key).map_or(f64::NAN, |v| geomean(v));
    let target = |ok: bool| if ok { "met" } else { "NOT met" };
    writeln!(
        out,
        "\nratios (geometric mean over schemas and payloads; >1 means ours is faster):"
    )
    .unwrap();
    writeln!(out, "(a) bytes->verdict, valid:   vs jsonschema runtime {:.2}× (target 1.50: {}), vs macro {:.2}× (target 1.30: {}), vs typify alone {:.2}×",
        g("a_rt"), target(g("a_rt") >= 1.5), g("a_macro"), target(g("a_macro") >= 1.3), g("a_typify")).unwrap();
    let overhead = (g("a_overhead") - 1.0) * 100.0;
    writeln!(out, "(a) typed result: ours over the plain serde parse into the same types: {overhead:+.0}% (target ≤ +15%: {})", target(overhead <= 15.0)).unwrap();
    writeln!(
        out,
        "(b) bytes->all errors, invalid: vs jsonschema runtime {:.2}×, vs macro {:.2}×",
        g("b_rt"),
        g("b_macro")
    )
    .unwrap();
    writeln!(out, "(c) validate only, parsed:   vs jsonschema runtime {:.2}× (target 8: {}), vs macro {:.2}× (target 4: {})",
        g("c_rt"), target(g("c_rt") >= 8.0), g("c_macro"), target(g("c_macro") >= 4.0)).unwrap();
    writeln!(
        out,
        "(d) floors: borrowed-tree parse vs serde_json::Value parse {:.2}× faster",
        g("d_value")
    )
    .unwrap();
    let early = if early_vs_valid.is_empty() {
        f64::NAN
    } else {
        geomean(&early_vs_valid)
    };
    writeln!(
        out,
        "invalid-early rejected vs same-size valid accepted: {early:.2}× faster (target 5: {})",
        target(early >= 5.0)
    )
    .unwrap();
    writeln!(
        out,
        "speedup vs jsonschema runtime (valid, bytes->verdict): {:.2}×",
        g("a_rt")
    )
    .unwrap();
    out
}
