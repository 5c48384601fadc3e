//! The audit gate: passed iff at least one counted positive report and no counted
//! `no_go`. A report counts while its auditor is active now.

use berty_interface::audit_registry::ReportStatus;
use cosmwasm_std::{Addr, Deps, StdResult};

use crate::auditor::{current_role, is_active, load_stake};
use crate::state::Config;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    pub passed: bool,
    pub positive: Vec<Addr>,
    pub blocking: Vec<Addr>,
    pub not_counted: Vec<Addr>,
}

/// The verdict over each auditor's newest report: `(auditor, status, counted)`.
pub fn verdict(reports: impl IntoIterator<Item = (Addr, ReportStatus, bool)>) -> Verdict {
    let mut verdict = Verdict::default();
    for (auditor, status, counted) in reports {
        match (counted, status.is_positive()) {
            (false, _) => verdict.not_counted.push(auditor),
            (true, true) => verdict.positive.push(auditor),
            (true, false) => verdict.blocking.push(auditor),
        }
    }
    verdict.passed = !verdict.positive.is_empty() && verdict.blocking.is_empty();
    verdict
}

/// Whether `auditor`'s reports count now: a raw read of its role, and in staked mode its
/// bond.
pub fn is_counted(deps: Deps, config: &Config, auditor: &Addr) -> StdResult<bool> {
    let role = current_role(&deps.querier, config, auditor)?;
    let bonded = match config.staking {
        Some(_) => load_stake(deps.storage, auditor)?.bonded,
        None => Default::default(),
    };
    Ok(is_active(role, config.staking.as_ref(), bonded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use berty_interface::audit_registry::ReportStatus::{Go, GoWithWarnings, NoGo};

    fn addr(name: &str) -> Addr {
        Addr::unchecked(name)
    }

    #[test]
    fn verdict_table() {
        // (reports as (name, status, counted), passed, positive, blocking, not counted)
        type Case = (
            Vec<(&'static str, ReportStatus, bool)>,
            bool,
            Vec<&'static str>,
            Vec<&'static str>,
            Vec<&'static str>,
        );
        let cases: Vec<Case> = vec![
            (vec![], false, vec![], vec![], vec![]),
            (vec![("a", Go, true)], true, vec!["a"], vec![], vec![]),
            (
                vec![("a", GoWithWarnings, true)],
                true,
                vec!["a"],
                vec![],
                vec![],
            ),
            (vec![("a", Go, false)], false, vec![], vec![], vec!["a"]),
            (vec![("a", NoGo, true)], false, vec![], vec!["a"], vec![]),
            (
                vec![("a", Go, true), ("b", NoGo, true)],
                false,
                vec!["a"],
                vec!["b"],
                vec![],
            ),
            // a deactivated no_go no longer blocks
            (
                vec![("a", Go, true), ("b", NoGo, false)],
                true,
                vec!["a"],
                vec![],
                vec!["b"],
            ),
            (
                vec![
                    ("a", GoWithWarnings, true),
                    ("b", Go, true),
                    ("c", NoGo, false),
                ],
                true,
                vec!["a", "b"],
                vec![],
                vec!["c"],
            ),
        ];
        for (reports, passed, positive, blocking, not_counted) in cases {
            let input: Vec<_> = reports
                .iter()
                .map(|(name, status, counted)| (addr(name), *status, *counted))
                .collect();
            let names = |v: Vec<&str>| v.into_iter().map(addr).collect::<Vec<_>>();
            assert_eq!(
                verdict(input),
                Verdict {
                    passed,
                    positive: names(positive),
                    blocking: names(blocking),
                    not_counted: names(not_counted),
                },
                "{reports:?}"
            );
        }
    }
}
