//! The audit gate: passed iff at least one counted positive report and no counted
//! `no_go`. A report counts while its auditor is active now and no executed slash voided
//! it. The gate looks at the addresses holding the auditor role now, never at every
//! address that ever reported: one that left (no role, nothing bonded) costs it nothing.

use berty_interface::audit_registry::ReportStatus;
use berty_interface::membership::{QueryMsg as MembershipQuery, RoleMembersResponse};
use berty_interface::paginate::MAX_LIMIT;
use berty_interface::Role;
use cosmwasm_std::{Addr, Deps, StdResult};

use crate::auditor::{current_role, is_active, load_stake};
use crate::state::{Config, LatestReport, LATEST};

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

/// Whether the newest report of an auditor whose role is `role` counts now: the auditor
/// is active (in staked mode its bond is read) and the report was not voided by a slash.
fn counts(
    deps: Deps,
    config: &Config,
    auditor: &Addr,
    role: Option<Role>,
    latest: &LatestReport,
) -> StdResult<bool> {
    if latest.voided {
        return Ok(false);
    }
    let bonded = match config.staking {
        Some(_) => load_stake(deps.storage, auditor)?.bonded,
        None => Default::default(),
    };
    Ok(is_active(role, config.staking.as_ref(), bonded))
}

/// Whether `auditor`'s newest report counts now (its role read raw from membership).
pub fn is_counted(
    deps: Deps,
    config: &Config,
    auditor: &Addr,
    latest: &LatestReport,
) -> StdResult<bool> {
    let role = current_role(&deps.querier, config, auditor)?;
    counts(deps, config, auditor, role, latest)
}

/// The newest report on `release_id` of each address holding the auditor role now, in
/// address order, with whether it counts: membership's role index page by page, then one
/// read per auditor. Addresses that reported and left are not in the index.
pub fn current_reports(
    deps: Deps,
    config: &Config,
    release_id: &str,
) -> StdResult<Vec<(Addr, ReportStatus, bool)>> {
    let mut reports = vec![];
    let mut start_after = None;
    loop {
        let page: RoleMembersResponse = deps.querier.query_wasm_smart(
            &config.membership,
            &MembershipQuery::RoleMembers {
                role: Role::Auditor,
                start_after: start_after.take(),
                limit: Some(MAX_LIMIT),
            },
        )?;
        let full = page.members.len() == MAX_LIMIT as usize;
        start_after = page.members.last().map(Addr::to_string);
        for auditor in page.members {
            if let Some(latest) = LATEST.may_load(deps.storage, (release_id, &auditor))? {
                let counted = counts(deps, config, &auditor, Some(Role::Auditor), &latest)?;
                reports.push((auditor, latest.status, counted));
            }
        }
        if !full {
            return Ok(reports);
        }
    }
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
