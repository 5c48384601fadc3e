//! The audit gate: passed iff at least one counted positive report and no counted
//! `no_go`. A report counts while its auditor is active now and no executed slash voided
//! it. The gate looks at the addresses that hold the auditor role or a bond now (SPEC 4.2,
//! 7), never at every address that ever reported: the role holders (membership's role
//! index) merged in address order with the registry's staked auditors (addresses with a
//! stake entry that held, or were granted, the auditor role at a bond). A staked auditor
//! without the role (barred by governance, or fallen below `min_bond`) that still has a
//! bond or an unbonding claim is listed in `not_counted` if it reported on the release;
//! one with neither role nor stake (it left and claimed everything) costs the gate nothing
//! and is not listed. An address that only bonded below `min_bond`, without the role,
//! never entered the set: not walked.

use std::iter::Peekable;

use berty_interface::audit_registry::{ReportStatus, StakingConfig};
use berty_interface::membership::{QueryMsg as MembershipQuery, RoleMembersResponse};
use berty_interface::paginate::MAX_LIMIT;
use berty_interface::Role;
use cosmwasm_std::{Addr, Deps, Order, StdResult, Uint128};

use crate::auditor::{current_role, is_active, load_stake};
use crate::state::{Config, LatestReport, LATEST, STAKED_AUDITORS};

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

/// Whether the newest report `latest` of `auditor`, whose role is `role`, counts now: the
/// auditor is active and no slash voided the report. Its stake is read only in staked
/// mode, for a role holder, and if no slash voided the report.
fn counts_now(
    deps: Deps,
    config: &Config,
    auditor: &Addr,
    role: Option<Role>,
    latest: &LatestReport,
) -> StdResult<bool> {
    let bonded = match config.staking {
        Some(_) if !latest.voided && role == Some(Role::Auditor) => {
            load_stake(deps.storage, auditor)?.bonded
        }
        _ => Uint128::zero(),
    };
    Ok(!latest.voided && is_active(role, config.staking.as_ref(), bonded))
}

/// Whether `auditor`'s newest report counts now (its role read raw from membership).
pub fn is_counted(
    deps: Deps,
    config: &Config,
    auditor: &Addr,
    latest: &LatestReport,
) -> StdResult<bool> {
    let role = current_role(&deps.querier, config, auditor)?;
    counts_now(deps, config, auditor, role, latest)
}

type AuditorKeys<'a> = Peekable<Box<dyn Iterator<Item = StdResult<Addr>> + 'a>>;

/// The registry's staked auditors in address order (staked mode; none in whitelist mode),
/// walked once alongside the role holders: a key is the address's bytes, as is the last
/// part of membership's role index key, so both ranges come in the order of `Addr`. An
/// address is in it from its first bond with the auditor role until its stake entry is
/// removed.
struct StakedAuditors<'a>(Option<AuditorKeys<'a>>);

impl<'a> StakedAuditors<'a> {
    fn new(deps: Deps<'a>, staking: Option<&StakingConfig>) -> Self {
        Self(staking.map(|_| {
            STAKED_AUDITORS
                .keys(deps.storage, None, None, Order::Ascending)
                .peekable()
        }))
    }

    /// The staked auditors before `bound` (all the rest without one), which the caller
    /// has passed in the role holders: they hold no auditor role.
    fn without_role_before(&mut self, bound: Option<&Addr>) -> StdResult<Vec<Addr>> {
        let Some(keys) = self.0.as_mut() else {
            return Ok(vec![]);
        };
        let mut stakers = vec![];
        while let Some(key) = keys.next_if(|key| match (key, bound) {
            (Ok(addr), Some(bound)) => addr < bound,
            _ => true,
        }) {
            stakers.push(key?);
        }
        Ok(stakers)
    }

    /// Steps over `holder`, the next role holder, if it is the next staked auditor: it is
    /// walked once, as a role holder.
    fn skip(&mut self, holder: &Addr) -> StdResult<()> {
        if let Some(keys) = self.0.as_mut() {
            keys.next_if(|key| matches!(key, Ok(addr) if addr == holder))
                .transpose()?;
        }
        Ok(())
    }
}

/// The newest report on `release_id` of each address that holds the auditor role or (in
/// staked mode) held the role at a bond and still has a bond or an unbonding claim, in
/// address order, with whether it counts: membership's role index page by page, merged
/// with the registry's staked auditors, then one read per address (its newest report on
/// the release) and, if it reported, one more (its stake; none for a voided report of a
/// role holder). Addresses that reported and left (no role, no stake) are in neither.
pub fn current_reports(
    deps: Deps,
    config: &Config,
    release_id: &str,
) -> StdResult<Vec<(Addr, ReportStatus, bool)>> {
    let holder = |auditor: Addr| -> StdResult<_> {
        let Some(latest) = LATEST.may_load(deps.storage, (release_id, &auditor))? else {
            return Ok(None);
        };
        let counted = counts_now(deps, config, &auditor, Some(Role::Auditor), &latest)?;
        Ok(Some((auditor, latest.status, counted)))
    };
    // without the role its report never counts (not active); listed while it holds a bond
    // or a claim, not when only a pending challenge keeps its stake entry (a full slash
    // took both)
    let unroled = |staker: Addr| -> StdResult<_> {
        let Some(latest) = LATEST.may_load(deps.storage, (release_id, &staker))? else {
            return Ok(None);
        };
        let stake = load_stake(deps.storage, &staker)?;
        if stake.bonded.is_zero() && stake.claims.is_empty() {
            return Ok(None);
        }
        Ok(Some((staker, latest.status, false)))
    };
    let mut stakers = StakedAuditors::new(deps, config.staking.as_ref());
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
            for staker in stakers.without_role_before(Some(&auditor))? {
                reports.extend(unroled(staker)?);
            }
            stakers.skip(&auditor)?;
            reports.extend(holder(auditor)?);
        }
        if !full {
            break;
        }
    }
    for staker in stakers.without_role_before(None)? {
        reports.extend(unroled(staker)?);
    }
    Ok(reports)
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
