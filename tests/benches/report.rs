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

/// One target line: what is measured, the figure, the target, and whether it is met.
fn target_line(out: &mut String, what: &str, figure: String, target: &str, met: bool) {
    let verdict = if met { "met" } else { "NOT met" };
    writeln!(
        out,
        "  {what:<58} {figure:>14}   target {target:<26} {verdict}"
    )
    .unwrap();
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
    let header = [
        "bytes",
        "ours",
        "js-rt",
        "js-macro",
        "typify",
        "ours-typ",
        "typ-1pass",
        "floor",
        "val-ours",
        "val-js-rt",
        "val-js-mac",
    ];
    write!(out, "{:<46}", "schema / payload").unwrap();
    for column in header {
        write!(out, " {column:>10}").unwrap();
    }
    writeln!(out).unwrap();
    let mut ratios: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    let mut typed_overhead_by_schema: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut early_vs_valid = Vec::new();
    let mut early_vs_valid_by_tree = Vec::new();
    // Rows where ours is slower than a contender, by comparison.
    let mut slower: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut many_errors = Vec::new();
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
        let (val_ours, val_rt, val_mac) = (
            get("validate-only-ours"),
            get("validate-only-jsonschema-runtime"),
            get("validate-only-jsonschema-macro"),
        );
        write!(out, "{:<46} {bytes:>10}", format!("{schema} / {payload}")).unwrap();
        for value in [
            ours,
            rt,
            mac,
            get("typify-alone"),
            get("ours-typed"),
            get("ours-typed-one-pass"),
            get("typed-floor"),
            val_ours,
            val_rt,
            val_mac,
        ] {
            write!(out, " {:>10}", ns(value)).unwrap();
        }
        writeln!(out).unwrap();
        let row = format!("{schema} / {payload}");
        let mut note_slower = |key: &'static str, theirs: Option<f64>, mine: Option<f64>| {
            if let (Some(theirs), Some(mine)) = (theirs, mine) {
                if mine > theirs {
                    slower
                        .entry(key)
                        .or_default()
                        .push(format!("{row} ({mine:.0} vs {theirs:.0} ns)"));
                }
            }
        };
        note_slower("validate-only vs macro", val_mac, val_ours);
        let mut push = |key: &'static str, a: Option<f64>, b: Option<f64>| {
            if let (Some(a), Some(b)) = (a, b) {
                ratios.entry(key).or_default().push(a / b);
            }
        };
        push("c_rt", val_rt, val_ours);
        push("c_macro", val_mac, val_ours);
        if valid == "true" {
            push("a_rt", rt, ours);
            push("a_macro", mac, ours);
            push("a_overhead", get("ours-typed"), get("typify-alone"));
            push(
                "a_one_pass",
                get("ours-typed-one-pass"),
                get("typify-alone"),
            );
            push("a_by_tree", get("ours-by-tree"), ours);
            push("a_typify", get("typify-alone"), ours);
            push("a_floor", get("ours-typed"), get("typed-floor"));
            push("d_value", get("parse-value"), get("parse-tree"));
            if let (Some(typed), Some(plain)) = (get("ours-typed"), get("typify-alone")) {
                typed_overhead_by_schema
                    .entry(schema.to_owned())
                    .or_default()
                    .push(typed / plain);
            }
        } else {
            push("b_rt", rt, ours);
            push("b_macro", mac, ours);
            note_slower("all-errors vs jsonschema runtime", rt, ours);
            note_slower("all-errors vs jsonschema macro", mac, ours);
        }
        if payload == "many-errors" {
            many_errors.push((schema.to_owned(), ours, rt, mac));
        }
        if payload == "invalid-early" {
            let valid_group = format!("{}.large-valid", schema.replace('/', "."));
            if let (Some(valid), Some(early)) =
                (median(output, &valid_group, "ours"), get("ours-verdict"))
            {
                early_vs_valid.push(valid / early);
            }
            if let (Some(valid), Some(early)) = (
                median(output, &valid_group, "ours-by-tree"),
                get("ours-verdict-by-tree"),
            ) {
                early_vs_valid_by_tree.push(valid / early);
            }
        }
    }
    let g = |key: &str| ratios.get(key).map_or(f64::NAN, |v| geomean(v));

    writeln!(out, "\n=== all errors of the many-errors payload, per schema (ns; >1× means ours is faster) ===").unwrap();
    for (schema, ours, rt, mac) in &many_errors {
        let ratio = |theirs: &Option<f64>| match (theirs, ours) {
            (Some(theirs), Some(ours)) => format!("{:.2}×", theirs / ours),
            _ => "-".to_owned(),
        };
        writeln!(
            out,
            "{schema:<46} ours {:>9}   js-rt {:>9} {:>7}   js-macro {:>9} {:>7}",
            ns(*ours),
            ns(*rt),
            ratio(rt),
            ns(*mac),
            ratio(mac)
        )
        .unwrap();
    }

    writeln!(
        out,
        "\n=== targets (geometric means over schemas and payloads) ==="
    )
    .unwrap();
    let overhead = (g("a_overhead") - 1.0) * 100.0;
    let (worst_schema, worst) = typed_overhead_by_schema
        .iter()
        .map(|(schema, v)| (schema.as_str(), (geomean(v) - 1.0) * 100.0))
        .fold(
            ("-", f64::NEG_INFINITY),
            |a, b| if b.1 > a.1 { b } else { a },
        );
    target_line(
        &mut out,
        "typed result, over the plain serde parse into the same types",
        format!("{overhead:+.0}%"),
        "≤ +15%",
        overhead <= 15.0,
    );
    target_line(
        &mut out,
        &format!("  worst schema ({worst_schema})"),
        format!("{worst:+.0}%"),
        "≤ +30%",
        worst <= 30.0,
    );
    let early = if early_vs_valid.is_empty() {
        f64::NAN
    } else {
        geomean(&early_vs_valid)
    };
    target_line(
        &mut out,
        "invalid-early rejected, vs a same-size valid accepted",
        format!("{early:.2}× faster"),
        "≥ 5×",
        early >= 5.0,
    );
    target_line(
        &mut out,
        "validate-only, vs jsonschema runtime",
        format!("{:.2}× faster", g("c_rt")),
        "≥ 8×",
        g("c_rt") >= 8.0,
    );
    let macro_rows = slower.get("validate-only vs macro").map_or(0, Vec::len);
    target_line(
        &mut out,
        "validate-only, vs jsonschema macro",
        format!("{:.2}× faster", g("c_macro")),
        "≥ 3×",
        g("c_macro") >= 3.0,
    );
    target_line(
        &mut out,
        "  rows where ours is slower than the macro",
        format!("{macro_rows}"),
        "none",
        macro_rows == 0,
    );
    for key in [
        "all-errors vs jsonschema runtime",
        "all-errors vs jsonschema macro",
    ] {
        let rows = slower.get(key).map_or(0, Vec::len);
        target_line(
            &mut out,
            &format!("{key}: rows where ours is slower"),
            format!("{rows}"),
            "none",
            rows == 0,
        );
    }
    target_line(
        &mut out,
        "bytes->verdict, valid, vs jsonschema runtime",
        format!("{:.2}× faster", g("a_rt")),
        "must not fall below 2.0×",
        g("a_rt") >= 2.0,
    );
    for (key, rows) in &slower {
        for row in rows {
            writeln!(out, "    slower, {key}: {row}").unwrap();
        }
    }
    writeln!(out, "\nother ratios:").unwrap();
    writeln!(
        out,
        "  typed result in one pass (from_slice_in_one_pass), over the plain serde parse: {:+.0}%",
        (g("a_one_pass") - 1.0) * 100.0
    )
    .unwrap();
    writeln!(
        out,
        "  bytes->verdict, valid: the single pass (ours) vs through the tree {:.2}×",
        g("a_by_tree")
    )
    .unwrap();
    let early_by_tree = if early_vs_valid_by_tree.is_empty() {
        f64::NAN
    } else {
        geomean(&early_vs_valid_by_tree)
    };
    writeln!(
        out,
        "  invalid-early vs same-size valid, through the tree (no early rejection): {early_by_tree:.2}×"
    )
    .unwrap();
    writeln!(
        out,
        "  bytes->verdict, valid: vs jsonschema macro {:.2}×, vs typify alone {:.2}×",
        g("a_macro"),
        g("a_typify")
    )
    .unwrap();
    writeln!(
        out,
        "  bytes->all errors, invalid: vs jsonschema runtime {:.2}×, vs macro {:.2}×",
        g("b_rt"),
        g("b_macro")
    )
    .unwrap();
    writeln!(
        out,
        "  floor: ours typed over sonic-rs into the same types: {:+.0}%",
        (g("a_floor") - 1.0) * 100.0
    )
    .unwrap();
    writeln!(
        out,
        "  borrowed-tree parse vs serde_json::Value parse: {:.2}× faster",
        g("d_value")
    )
    .unwrap();
    out
}
