//! Role changes (update_members, the registrar's grant and revoke) and public keys. Every
//! change goes through `set_role`, which keeps the record, the role index, the counts and
//! the members log in step.

use std::collections::BTreeSet;

use berty_interface::keys::MemberRecord;
use berty_interface::membership::{MemberEventData, MemberEventKind, MemberInit, MAX_BATCH};
use berty_interface::validate::validate_pubkey;
use berty_interface::Role;
use berty_trail::pubkey_address_bytes;
use cosmwasm_std::{Addr, Api, Binary, DepsMut, Env, MessageInfo, Response, Storage};

use crate::error::ContractError;
use crate::owner::{assert_owner, assert_registrar};
use crate::state::{
    RoleCounts, COUNTS, MEMBERS, MEMBERS_LOG, MEMBERS_LOG_KEY, PUBKEYS, ROLE_INDEX,
};

pub fn validate_addr(api: &dyn Api, addr: &str) -> Result<Addr, ContractError> {
    api.addr_validate(addr)
        .map_err(|err| ContractError::InvalidAddress {
            addr: addr.to_string(),
            reason: err.to_string(),
        })
}

fn check_batch_len(field: &'static str, len: usize) -> Result<(), ContractError> {
    if len > MAX_BATCH {
        return Err(ContractError::BatchTooLarge {
            field,
            len,
            max: MAX_BATCH,
        });
    }
    Ok(())
}

/// Validated members to add and addresses to remove, no address twice.
pub struct Batch {
    pub add: Vec<(Addr, Role)>,
    pub remove: Vec<Addr>,
}

pub fn validate_batch(
    api: &dyn Api,
    add: Vec<MemberInit>,
    remove: Vec<String>,
) -> Result<Batch, ContractError> {
    check_batch_len("add", add.len())?;
    check_batch_len("remove", remove.len())?;
    let mut seen = BTreeSet::new();
    let mut unique = |addr: Addr| {
        if seen.insert(addr.clone()) {
            Ok(addr)
        } else {
            Err(ContractError::DuplicateMember { addr })
        }
    };
    let add = add
        .into_iter()
        .map(|m| Ok((unique(validate_addr(api, &m.addr)?)?, m.role)))
        .collect::<Result<_, ContractError>>()?;
    let remove = remove
        .into_iter()
        .map(|a| unique(validate_addr(api, &a)?))
        .collect::<Result<_, ContractError>>()?;
    Ok(Batch { add, remove })
}

/// Gives `addr` the role `new` (none: no role) as of this block. Logs `revoked` for the
/// role it loses and `granted` for the one it gets. Returns whether anything changed.
pub fn set_role(
    store: &mut dyn Storage,
    env: &Env,
    actor: &Addr,
    counts: &mut RoleCounts,
    addr: &Addr,
    new: Option<Role>,
) -> Result<bool, ContractError> {
    let old = MEMBERS.may_load(store, addr)?.map(|record| record.role);
    if old == new {
        return Ok(false);
    }
    let height = env.block.height;
    if let Some(role) = old {
        ROLE_INDEX.remove(store, (role.code(), addr));
        counts.remove(role);
        log_role(store, env, actor, MemberEventKind::Revoked, addr, role)?;
    }
    match new {
        Some(role) => {
            MEMBERS.save(
                store,
                addr,
                &MemberRecord {
                    role,
                    since: height,
                },
                height,
            )?;
            ROLE_INDEX.save(store, (role.code(), addr), &())?;
            counts.add(role);
            log_role(store, env, actor, MemberEventKind::Granted, addr, role)?;
        }
        None => MEMBERS.remove(store, addr, height)?,
    }
    Ok(true)
}

fn log_role(
    store: &mut dyn Storage,
    env: &Env,
    actor: &Addr,
    kind: MemberEventKind,
    addr: &Addr,
    role: Role,
) -> Result<(), ContractError> {
    let data = MemberEventData::Role {
        addr: addr.clone(),
        role,
    };
    MEMBERS_LOG.append(store, env, MEMBERS_LOG_KEY, actor, None, kind, data)?;
    Ok(())
}

/// Applies a validated batch: removals must name members; additions set the role.
/// Counts are written once, at the end. Returns (added or changed, removed).
pub fn apply_batch(
    store: &mut dyn Storage,
    env: &Env,
    actor: &Addr,
    batch: Batch,
) -> Result<(u32, u32), ContractError> {
    let mut counts = COUNTS.may_load(store)?.unwrap_or_default();
    let mut removed = 0;
    for addr in batch.remove {
        if !set_role(store, env, actor, &mut counts, &addr, None)? {
            return Err(ContractError::NotAMember { addr });
        }
        removed += 1;
    }
    let mut changed = 0;
    for (addr, role) in batch.add {
        if set_role(store, env, actor, &mut counts, &addr, Some(role))? {
            changed += 1;
        }
    }
    COUNTS.save(store, &counts, env.block.height)?;
    Ok((changed, removed))
}

pub fn update_members(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    add: Vec<MemberInit>,
    remove: Vec<String>,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    cw_utils::nonpayable(&info)?;
    if add.is_empty() && remove.is_empty() {
        return Err(ContractError::EmptyBatch);
    }
    let batch = validate_batch(deps.api, add, remove)?;
    let (changed, removed) = apply_batch(deps.storage, &env, &info.sender, batch)?;
    Ok(Response::new()
        .add_attribute("action", "update_members")
        .add_attribute("changed", changed.to_string())
        .add_attribute("removed", removed.to_string()))
}

/// Registrar: a bond reached `min_bond`. Granting an existing auditor changes nothing.
pub fn grant_auditor(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    addr: String,
) -> Result<Response, ContractError> {
    assert_registrar(deps.storage, &info.sender)?;
    cw_utils::nonpayable(&info)?;
    let addr = validate_addr(deps.api, &addr)?;
    match MEMBERS.may_load(deps.storage, &addr)? {
        Some(MemberRecord {
            role: Role::Auditor,
            ..
        })
        | None => {}
        Some(MemberRecord { role, .. }) => return Err(ContractError::RoleConflict { addr, role }),
    }
    let changed = change_one(deps.storage, &env, &info.sender, &addr, Some(Role::Auditor))?;
    Ok(Response::new()
        .add_attribute("action", "grant_auditor")
        .add_attribute("auditor", addr)
        .add_attribute("changed", changed.to_string()))
}

/// Registrar: a bond fell below `min_bond`, or a slash cut it.
pub fn revoke_auditor(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    addr: String,
) -> Result<Response, ContractError> {
    assert_registrar(deps.storage, &info.sender)?;
    cw_utils::nonpayable(&info)?;
    let addr = validate_addr(deps.api, &addr)?;
    let is_auditor = MEMBERS
        .may_load(deps.storage, &addr)?
        .is_some_and(|record| record.role == Role::Auditor);
    if !is_auditor {
        return Err(ContractError::NotAnAuditor { addr });
    }
    change_one(deps.storage, &env, &info.sender, &addr, None)?;
    Ok(Response::new()
        .add_attribute("action", "revoke_auditor")
        .add_attribute("auditor", addr))
}

fn change_one(
    store: &mut dyn Storage,
    env: &Env,
    actor: &Addr,
    addr: &Addr,
    role: Option<Role>,
) -> Result<bool, ContractError> {
    let mut counts = COUNTS.may_load(store)?.unwrap_or_default();
    let changed = set_role(store, env, actor, &mut counts, addr, role)?;
    if changed {
        COUNTS.save(store, &counts, env.block.height)?;
    }
    Ok(changed)
}

/// A member registers the key of its own address: `ripemd160(sha256(key))` must be the
/// sender's canonical address, which ties every signed act in the trail to that key.
pub fn register_pubkey(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    pubkey: Binary,
) -> Result<Response, ContractError> {
    let sender = info.sender.clone();
    if MEMBERS.may_load(deps.storage, &sender)?.is_none() {
        return Err(ContractError::Unauthorized {
            sender,
            required: "a member",
        });
    }
    cw_utils::nonpayable(&info)?;
    validate_pubkey(&pubkey)?;
    let canonical = deps.api.addr_canonicalize(sender.as_str())?;
    if canonical.as_slice() != pubkey_address_bytes(&pubkey).as_slice() {
        return Err(ContractError::PubkeyMismatch { addr: sender });
    }
    if PUBKEYS.may_load(deps.storage, &sender)?.as_ref() == Some(&pubkey) {
        return Err(ContractError::PubkeyAlreadyRegistered { addr: sender });
    }
    PUBKEYS.save(deps.storage, &sender, &pubkey)?;
    let data = MemberEventData::Pubkey {
        addr: sender.clone(),
        key: pubkey.clone(),
    };
    MEMBERS_LOG.append(
        deps.storage,
        &env,
        MEMBERS_LOG_KEY,
        &sender,
        Some(pubkey),
        MemberEventKind::Pubkey,
        data,
    )?;
    Ok(Response::new()
        .add_attribute("action", "register_pubkey")
        .add_attribute("member", sender))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::{mock_dependencies, mock_env};

    fn init(addr: &Addr, role: Role) -> MemberInit {
        MemberInit {
            addr: addr.to_string(),
            role,
        }
    }

    #[test]
    fn validate_batch_checks_every_address_once() {
        let deps = mock_dependencies();
        let (a, b) = (deps.api.addr_make("a"), deps.api.addr_make("b"));
        let batch = validate_batch(
            &deps.api,
            vec![init(&a, Role::Auditor)],
            vec![b.to_string()],
        )
        .unwrap();
        assert_eq!(batch.add, vec![(a.clone(), Role::Auditor)]);
        assert_eq!(batch.remove, vec![b.clone()]);
        let err = validate_batch(&deps.api, vec![], vec![b.to_string(), b.to_string()]);
        assert!(matches!(err, Err(ContractError::DuplicateMember { addr }) if addr == b));
        let err = validate_batch(&deps.api, vec![init(&a, Role::Auditor)], vec!["x".into()]);
        assert!(matches!(err, Err(ContractError::InvalidAddress { addr, .. }) if addr == "x"));
    }

    #[test]
    fn set_role_keeps_record_index_counts_and_log_in_step() {
        let mut deps = mock_dependencies();
        let mut env = mock_env();
        let (actor, a) = (deps.api.addr_make("owner"), deps.api.addr_make("a"));
        let mut counts = RoleCounts::default();
        let store = deps.as_mut().storage;
        assert!(set_role(store, &env, &actor, &mut counts, &a, Some(Role::Auditor)).unwrap());
        assert!(!set_role(store, &env, &actor, &mut counts, &a, Some(Role::Auditor)).unwrap());
        env.block.height += 1;
        assert!(set_role(
            store,
            &env,
            &actor,
            &mut counts,
            &a,
            Some(Role::CoreTeamRep)
        )
        .unwrap());
        assert_eq!(
            MEMBERS.load(store, &a).unwrap(),
            MemberRecord {
                role: Role::CoreTeamRep,
                since: env.block.height
            }
        );
        assert!(!ROLE_INDEX.has(store, (Role::Auditor.code(), &a)));
        assert!(ROLE_INDEX.has(store, (Role::CoreTeamRep.code(), &a)));
        assert_eq!(counts, RoleCounts([0, 0, 1, 0]));
        assert!(set_role(store, &env, &actor, &mut counts, &a, None).unwrap());
        assert!(!set_role(store, &env, &actor, &mut counts, &a, None).unwrap());
        assert_eq!(counts, RoleCounts::default());
        assert!(!ROLE_INDEX.has(store, (Role::CoreTeamRep.code(), &a)));
        // granted, revoked + granted, revoked
        let head = MEMBERS_LOG.head(store, &env, MEMBERS_LOG_KEY).unwrap();
        assert_eq!(head.length, 4);
    }
}
