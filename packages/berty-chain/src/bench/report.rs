//! The benchmark's outputs: a markdown table, JSON, and a chart of gas against council size.

use std::path::Path;

use plotters::prelude::*;
use serde::Serialize;

use super::gate::GateRun;
use super::{Cw3Run, Run, OPERATIONS};

/// A ballot may cost at most this share of a cw3-flex-multisig vote.
pub const BALLOT_TARGET_RATIO: f64 = 0.6;
/// Every operation at the largest council within this share of its gas at the smallest.
pub const GROWTH_TARGET: f64 = 0.02;
/// The gate's checks after many ex-auditors within this share of their gas after none.
pub const GATE_TARGET: f64 = 0.02;
/// Reads one check's gas from a [`GateRun`].
type GateCheck = fn(&GateRun) -> u64;
/// The execute paths that run the audit gate.
const GATE_CHECKS: [(&str, GateCheck); 2] = [
    ("submit_for_vote", |r| r.submit_for_vote.total()),
    ("finalize", |r| r.finalize.total()),
];

#[derive(Debug, Serialize)]
pub struct Report {
    pub chain: &'static str,
    pub runs: Vec<Run>,
    pub cw3: Vec<Cw3Run>,
    /// The audit gate's checks after 0 and after many ex-auditors (first run: none).
    pub gate: Vec<GateRun>,
    pub targets: Targets,
}

#[derive(Debug, Serialize)]
pub struct Targets {
    /// Our ballot ÷ cw3-flex-multisig's vote, per council size.
    pub ballot_ratio: Vec<(usize, f64)>,
    pub ballot_ratio_met: bool,
    /// Per operation: gas at the largest size ÷ gas at the smallest − 1.
    pub growth: Vec<(String, f64)>,
    pub growth_met: bool,
    /// Per gate check: gas after the most ex-auditors ÷ gas after none − 1.
    pub gate_growth: Vec<(String, f64)>,
    pub gate_met: bool,
}

impl Report {
    pub fn new(runs: Vec<Run>, cw3: Vec<Cw3Run>, gate: Vec<GateRun>) -> Self {
        let ballot_ratio: Vec<(usize, f64)> = runs
            .iter()
            .zip(&cw3)
            .map(|(ours, theirs)| {
                (
                    ours.council_size,
                    ours.operations["vote"].total() as f64 / theirs.vote.total() as f64,
                )
            })
            .collect();
        let (first, last) = (runs.first(), runs.last());
        let growth: Vec<(String, f64)> = OPERATIONS
            .iter()
            .filter_map(|op| {
                let small = first?.operations.get(*op)?.total() as f64;
                let large = last?.operations.get(*op)?.total() as f64;
                Some((op.to_string(), large / small - 1.0))
            })
            .collect();
        let gate_growth: Vec<(String, f64)> = match (gate.first(), gate.last()) {
            (Some(none), Some(most)) => GATE_CHECKS
                .iter()
                .map(|(name, pick)| {
                    (
                        name.to_string(),
                        pick(most) as f64 / pick(none) as f64 - 1.0,
                    )
                })
                .collect(),
            _ => vec![],
        };
        Report {
            chain: "berty-chain (cosmwasm-vm 3.0.10, wasmd gas rules)",
            targets: Targets {
                gate_met: gate_growth.iter().all(|(_, g)| g.abs() <= GATE_TARGET),
                gate_growth,
                ballot_ratio_met: ballot_ratio.iter().all(|(_, r)| *r <= BALLOT_TARGET_RATIO),
                growth_met: growth.iter().all(|(_, g)| *g <= GROWTH_TARGET),
                ballot_ratio,
                growth,
            },
            runs,
            cw3,
            gate,
        }
    }

    pub fn markdown(&self) -> String {
        let sizes: Vec<String> = self
            .runs
            .iter()
            .map(|r| r.council_size.to_string())
            .collect();
        let mut out = String::new();
        out.push_str(&format!(
            "| operation | {} | size {} vs {} |\n| --- |{} ---: |\n",
            sizes
                .iter()
                .map(|s| format!("council {s}"))
                .collect::<Vec<_>>()
                .join(" | "),
            sizes.last().map_or("", String::as_str),
            sizes.first().map_or("", String::as_str),
            " ---: |".repeat(sizes.len())
        ));
        for op in OPERATIONS {
            let cells: Vec<String> = self
                .runs
                .iter()
                .map(|r| {
                    r.operations
                        .get(op)
                        .map_or("-".into(), |g| thousands(g.total()))
                })
                .collect();
            let growth = self
                .targets
                .growth
                .iter()
                .find(|(o, _)| o == op)
                .map_or("-".into(), |(_, g)| format!("{:+.2}%", g * 100.0));
            out.push_str(&format!("| `{op}` | {} | {growth} |\n", cells.join(" | ")));
        }
        let cells: Vec<String> = self
            .runs
            .iter()
            .map(|r| thousands(r.deciding_vote.total()))
            .collect();
        out.push_str(&format!(
            "| `vote`, the deciding ballot | {} | |\n",
            cells.join(" | ")
        ));
        let cells: Vec<String> = self
            .runs
            .iter()
            .map(|r| thousands(r.signed_vote.total()))
            .collect();
        out.push_str(&format!(
            "| `vote`, signed (secp256k1, registered key) | {} | |\n",
            cells.join(" | ")
        ));
        out.push_str(
            "\nThe same decision with cw-plus (`cw3-flex-multisig` 2.0 over `cw4-group` 2.0):\n\n",
        );
        out.push_str(&format!(
            "| operation | {} |\n| --- |{}\n",
            sizes
                .iter()
                .map(|s| format!("council {s}"))
                .collect::<Vec<_>>()
                .join(" | "),
            " ---: |".repeat(sizes.len())
        ));
        type Pick = fn(&Cw3Run) -> u64;
        let rows: [(&str, Pick); 4] = [
            ("`propose`", |r| r.propose.total()),
            ("`vote`", |r| r.vote.total()),
            ("`vote`, the deciding ballot", |r| r.deciding_vote.total()),
            ("`execute`", |r| r.execute.total()),
        ];
        for (name, pick) in rows {
            let cells: Vec<String> = self.cw3.iter().map(|r| thousands(pick(r))).collect();
            out.push_str(&format!("| {name} | {} |\n", cells.join(" | ")));
        }
        out.push_str(&format!(
            "\nBallots cast until the vote was decided:\n\n| | {} |\n| --- |{}\n",
            sizes.join(" | "),
            " ---: |".repeat(sizes.len())
        ));
        let ours: Vec<String> = self
            .runs
            .iter()
            .map(|r| r.ballots_cast.to_string())
            .collect();
        let theirs: Vec<String> = self
            .cw3
            .iter()
            .map(|r| r.ballots_cast.to_string())
            .collect();
        out.push_str(&format!(
            "| Berty (both colleges) | {} |\n",
            ours.join(" | ")
        ));
        out.push_str(&format!("| cw3-flex-multisig | {} |\n", theirs.join(" | ")));
        if !self.gate.is_empty() {
            out.push_str(&format!(
                "\nThe audit gate after addresses bonded, reported, unbonded and claimed (staked mode; \
                 the gate iterates the auditors of now):\n\n| check | {} |\n| --- |{}\n",
                self.gate
                    .iter()
                    .map(|r| format!("{} ex-auditors", thousands(r.ex_auditors as u64)))
                    .collect::<Vec<_>>()
                    .join(" | "),
                " ---: |".repeat(self.gate.len())
            ));
            for (name, pick) in GATE_CHECKS {
                let cells: Vec<String> = self.gate.iter().map(|r| thousands(pick(r))).collect();
                out.push_str(&format!("| `{name}` | {} |\n", cells.join(" | ")));
            }
        }
        out.push_str("\nTargets:\n\n");
        let ratios: Vec<String> = self
            .targets
            .ballot_ratio
            .iter()
            .map(|(s, r)| format!("{r:.2} at {s}"))
            .collect();
        out.push_str(&format!(
            "- a ballot at most {BALLOT_TARGET_RATIO} × cw3-flex-multisig's vote: {} ({})\n",
            verdict(self.targets.ballot_ratio_met),
            ratios.join(", ")
        ));
        let worst = self
            .targets
            .growth
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(op, g)| format!("largest change {:+.2}%, `{op}`", g * 100.0))
            .unwrap_or_default();
        out.push_str(&format!(
            "- every operation at council size {} within {}% of its gas at size {}: {} ({worst})\n",
            sizes.last().map_or("", String::as_str),
            GROWTH_TARGET * 100.0,
            sizes.first().map_or("", String::as_str),
            verdict(self.targets.growth_met)
        ));
        if let (Some(none), Some(most)) = (self.gate.first(), self.gate.last()) {
            let changes: Vec<String> = self
                .targets
                .gate_growth
                .iter()
                .map(|(check, g)| format!("`{check}` {:+.2}%", g * 100.0))
                .collect();
            out.push_str(&format!(
                "- the gate's checks after {} ex-auditors within {}% of their gas after {}: {} ({})\n",
                thousands(most.ex_auditors as u64),
                GATE_TARGET * 100.0,
                none.ex_auditors,
                verdict(self.targets.gate_met),
                changes.join(", ")
            ));
        }
        out
    }

    /// Gas of each operation against council size (log scale), ours solid, cw3 dashed.
    pub fn chart(&self, path: &Path) -> Result<(), String> {
        let root = SVGBackend::new(path, (960, 600)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let sizes: Vec<f64> = self.runs.iter().map(|r| r.council_size as f64).collect();
        let max_gas = self
            .runs
            .iter()
            .flat_map(|r| r.operations.values().map(|g| g.total()))
            .chain(
                self.cw3
                    .iter()
                    .flat_map(|r| [r.propose.total(), r.vote.total(), r.execute.total()]),
            )
            .max()
            .unwrap_or(1) as f64;
        let (lo, hi) = (
            sizes.first().copied().unwrap_or(1.0),
            sizes.last().copied().unwrap_or(10.0),
        );
        let mut chart = ChartBuilder::on(&root)
            .caption(
                "SDK gas per operation against council size",
                ("sans-serif", 22),
            )
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(80)
            .right_y_label_area_size(0)
            .build_cartesian_2d((lo * 0.8..hi * 1.25).log_scale(), 0f64..max_gas * 1.75)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_desc("council size (members, log scale)")
            .y_desc("SDK gas")
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format!("{:.0}k", y / 1000.0))
            .draw()
            .map_err(|e| e.to_string())?;
        let mut series: Vec<Series> = OPERATIONS
            .iter()
            .map(|op| {
                let points = self
                    .runs
                    .iter()
                    .filter_map(|r| {
                        Some((r.council_size as f64, r.operations.get(*op)?.total() as f64))
                    })
                    .collect();
                (op.to_string(), points, false)
            })
            .collect();
        type Pick = fn(&Cw3Run) -> u64;
        let cw3: [(&str, Pick); 3] = [
            ("cw3 propose", |r| r.propose.total()),
            ("cw3 vote", |r| r.vote.total()),
            ("cw3 execute", |r| r.execute.total()),
        ];
        for (name, pick) in cw3 {
            let points = self
                .cw3
                .iter()
                .map(|r| (r.council_size as f64, pick(r) as f64))
                .collect();
            series.push((name.to_owned(), points, true));
        }
        for (i, (name, points, dashed)) in series.into_iter().enumerate() {
            let color = Palette99::pick(i).to_rgba();
            let style = color.stroke_width(if dashed { 1 } else { 2 });
            let drawn = if dashed {
                chart.draw_series(DashedLineSeries::new(points.clone(), 6, 4, style))
            } else {
                chart.draw_series(LineSeries::new(points.clone(), style))
            }
            .map_err(|e| e.to_string())?;
            drawn.label(name).legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
            });
            chart
                .draw_series(
                    points
                        .into_iter()
                        .map(|p| Circle::new(p, 3, color.filled())),
                )
                .map_err(|e| e.to_string())?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .label_font(("sans-serif", 13))
            .draw()
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())
    }
}

/// A line of the chart: its name, its points, whether it is cw-plus's (dashed).
type Series = (String, Vec<(f64, f64)>, bool);

fn verdict(met: bool) -> &'static str {
    if met {
        "**met**"
    } else {
        "**not met**"
    }
}

/// 123456 → "123,456".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
