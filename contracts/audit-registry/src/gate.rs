//! The audit gate: passed iff at least one counted positive report and no counted
//! `no_go`. A report counts while its auditor is active now and no executed slash voided
//! it. The gate looks at the addresses that hold the auditor role or a bond now (SPEC 4.2,
//! 7), never at every address that ever reported: the role holders (membership's role
//! index) merged in address order with the registry's own stakes. A staked address without
//! the role (barred by governance, or fallen below `min_bond`) that still has a bond or an
//! unbonding claim is listed in `not_counted` if it reported; one with neither role nor
//! stake (it left and claimed everything) costs the gate nothing and is not listed.

use std::iter::Peekable;

use berty_interface::audit_registry::{ReportStatus, StakingConfig};
use berty_interface::membership::{QueryMsg as MembershipQuery, RoleMembersResponse};
use berty_interface::paginate::MAX_LIMIT;
use berty_interface::Role;
use cosmwasm_std::{Addr, Deps, Order, StdResult, Uint128};

use crate::auditor::{current_role, is_active, load_stake};
use crate::state::{Config, LatestReport, Stake, LATEST, STAKES};

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

/// Whether the newest report of an auditor whose role is `role` and whose bond is `bonded`
/// (read in staked mode only) counts now: the auditor is active and the report was not
/// voided by a slash.
fn counts(config: &Config, role: Option<Role>, bonded: Uint128, latest: &LatestReport) -> bool {
    !latest.voided && is_active(role, config.staking.as_ref(), bonded)
}

/// Whether `auditor`'s newest report counts now (its role read raw from membership).
pub fn is_counted(
    deps: Deps,
    config: &Config,
    auditor: &Addr,
    latest: &LatestReport,
) -> StdResult<bool> {
    let role = current_role(&deps.querier, config, auditor)?;
    let bonded = match config.staking {
        Some(_) if !latest.voided => load_stake(deps.storage, auditor)?.bonded,
        _ => Uint128::zero(),
    };
    Ok(counts(config, role, bonded, latest))
}

type StakeEntries<'a> = Peekable<Box<dyn Iterator<Item = StdResult<(Addr, Stake)>> + 'a>>;

/// The registry's stakes in address order (staked mode; none in whitelist mode), walked
/// once alongside the role holders: a stake's key is the address's bytes, as is the last
/// part of membership's role index key, so both ranges come in the order of `Addr`. An
/// entry exists only while it holds something (`save_stake` removes an empty one).
struct Stakes<'a>(Option<StakeEntries<'a>>);

impl<'a> Stakes<'a> {
    fn new(deps: Deps<'a>, staking: Option<&StakingConfig>) -> Self {
        Self(staking.map(|_| {
            STAKES
                .range(deps.storage, None, None, Order::Ascending)
                .peekable()
        }))
    }

    /// The stakes of addresses before `bound` (all the rest without one), which the caller
    /// has passed in the role holders: they hold no auditor role. Only those with a bond
    /// or a claim: an entry kept alive by pending challenges alone holds neither.
    fn without_role_before(&mut self, bound: Option<&Addr>) -> StdResult<Vec<(Addr, Stake)>> {
        let Some(entries) = self.0.as_mut() else {
            return Ok(vec![]);
        };
        let mut stakers = vec![];
        while let Some(entry) = entries.next_if(|entry| match (entry, bound) {
            (Ok((addr, _)), Some(bound)) => addr < bound,
            _ => true,
        }) {
            let (addr, stake) = entry?;
            if !stake.bonded.is_zero() || !stake.claims.is_empty() {
                stakers.push((addr, stake));
            }
        }
        Ok(stakers)
    }

    /// The bond of `holder`, the next role holder: its entry if it is the next one.
    fn bond_of(&mut self, holder: &Addr) -> StdResult<Uint128> {
        let entry = self.0.as_mut().and_then(|entries| {
            entries.next_if(|entry| matches!(entry, Ok((addr, _)) if addr == holder))
        });
        Ok(entry
            .transpose()?
            .map_or(Uint128::zero(), |(_, stake)| stake.bonded))
    }
}

/// The newest report on `release_id` of each address that holds the auditor role or (in
/// staked mode) a bond or an unbonding claim now, in address order, with whether it counts:
/// membership's role index page by page, merged with the registry's stakes, then one read
/// per address. Addresses that reported and left (no role, nothing staked) are in neither.
pub fn current_reports(
    deps: Deps,
    config: &Config,
    release_id: &str,
) -> StdResult<Vec<(Addr, ReportStatus, bool)>> {
    let newest = |auditor: Addr, role: Option<Role>, bonded: Uint128| -> StdResult<_> {
        let latest = LATEST.may_load(deps.storage, (release_id, &auditor))?;
        Ok(latest.map(|latest| {
            let counted = counts(config, role, bonded, &latest);
            (auditor, latest.status, counted)
        }))
    };
    let mut stakes = Stakes::new(deps, config.staking.as_ref());
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
            for (staker, stake) in stakes.without_role_before(Some(&auditor))? {
                reports.extend(newest(staker, None, stake.bonded)?);
            }
            let bonded = stakes.bond_of(&auditor)?;
            reports.extend(newest(auditor, Some(Role::Auditor), bonded)?);
        }
        if !full {
            break;
        }
    }
    for (staker, stake) in stakes.without_role_before(None)? {
        reports.extend(newest(staker, None, stake.bonded)?);
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
