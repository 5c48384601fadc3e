//! `berty-bench [--artifacts DIR] [--cw-plus DIR] [--out DIR] [--sizes 10,100,1000]`:
//! per-operation gas of the Berty process for each council size, and cw3-flex-multisig's
//! for the same decision, on the embedded chain. Writes `results.json`, `gas.md` and
//! `gas.svg` into the output directory (scripts/bench.sh: `bench/`), and the tables into
//! its `README.md` between the results markers.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use berty_chain::bench::gate::run_gate;
use berty_chain::bench::report::{thousands, Report};
use berty_chain::bench::{run_berty, run_cw3, OPERATIONS};
use berty_chain::dao::Artifacts;

const USAGE: &str = "usage: berty-bench [--artifacts DIR] [--cw-plus DIR] [--out DIR] [--sizes 10,100,1000]
       berty-bench --node-run FILE --chain-id ID [--cw-plus DIR]   (the cw3 decision as a run for berty-e2e)";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("berty-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Replaces the results between the README's markers, if it has them.
fn refresh_readme(path: &std::path::Path, table: &str) -> Result<(), String> {
    const START: &str = "<!-- results: written by berty-bench -->\n";
    const END: &str = "<!-- /results -->";
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(());
    };
    let (Some(start), Some(end)) = (text.find(START), text.find(END)) else {
        return Ok(());
    };
    let updated = format!("{}{START}{table}{}", &text[..start], &text[end..]);
    std::fs::write(path, updated).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let (mut artifacts, mut cw_plus, mut out) = (
        PathBuf::from("artifacts"),
        PathBuf::from("bench/cw-plus/artifacts"),
        PathBuf::from("bench"),
    );
    let mut sizes = vec![10, 100, 1000];
    let (mut node_run, mut chain_id): (Option<PathBuf>, Option<String>) = (None, None);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(USAGE)?;
        match flag.as_str() {
            "--node-run" => node_run = Some(value.into()),
            "--chain-id" => chain_id = Some(value.clone()),
            "--artifacts" => artifacts = value.into(),
            "--cw-plus" => cw_plus = value.into(),
            "--out" => out = value.into(),
            "--sizes" => {
                sizes = value
                    .split(',')
                    .map(|s| s.trim().parse().map_err(|_| USAGE.to_string()))
                    .collect::<Result<_, _>>()?
            }
            _ => return Err(USAGE.into()),
        }
    }
    if let Some(path) = node_run {
        let chain_id = chain_id.ok_or(USAGE)?;
        let run = berty_chain::bench::node::cw3_node_run(&cw_plus, &chain_id)
            .map_err(|e| format!("cw3 run: {e}"))?;
        let text = serde_json::to_string_pretty(&run).map_err(|e| e.to_string())?;
        std::fs::write(&path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
        println!("the cw3 run, {} steps: {}", run.steps.len(), path.display());
        return Ok(());
    }
    let ours = Artifacts::open(&artifacts).map_err(|e| e.to_string())?;
    let cache = tempfile::tempdir().map_err(|e| e.to_string())?;
    let (mut runs, mut cw3) = (Vec::new(), Vec::new());
    for &size in &sizes {
        let started = Instant::now();
        let run =
            run_berty(&ours, cache.path(), size).map_err(|e| format!("council {size}: {e}"))?;
        let theirs = run_cw3(&cw_plus, cache.path(), size)
            .map_err(|e| format!("cw3, council {size}: {e}"))?;
        println!(
            "council {size:>5}: {} ballots (cw3: {}), {:.1} s",
            run.ballots_cast,
            theirs.ballots_cast,
            started.elapsed().as_secs_f64()
        );
        for op in OPERATIONS {
            if let Some(gas) = run.operations.get(op) {
                println!("  {op:<20} {:>9}  {gas}", thousands(gas.total()));
            }
        }
        println!(
            "  {:<20} {:>9}  {}",
            "cw3 vote",
            thousands(theirs.vote.total()),
            theirs.vote
        );
        runs.push(run);
        cw3.push(theirs);
    }
    let mut gate = Vec::new();
    for ex_auditors in [0, 1000] {
        let started = Instant::now();
        let run = run_gate(&ours, cache.path(), ex_auditors)
            .map_err(|e| format!("gate, {ex_auditors} ex-auditors: {e}"))?;
        println!(
            "gate after {ex_auditors:>5} ex-auditors: submit_for_vote {}, finalize {}, {:.1} s",
            thousands(run.submit_for_vote.total()),
            thousands(run.finalize.total()),
            started.elapsed().as_secs_f64()
        );
        gate.push(run);
    }
    let report = Report::new(runs, cw3, gate);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let write = |name: &str, text: String| {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write(
        "results.json",
        serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n",
    )?;
    let table = report.markdown();
    write("gas.md", table.clone())?;
    refresh_readme(&out.join("README.md"), &table)?;
    report.chart(&out.join("gas.svg"))?;
    println!("\n{table}");
    println!(
        "wrote {0}/results.json, {0}/gas.md, {0}/gas.svg",
        out.display()
    );
    Ok(())
}
