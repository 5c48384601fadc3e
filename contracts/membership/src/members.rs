//! Role changes (update_members, the registrar's grant and revoke) and public keys. Every
//! change goes through `set_role`, which keeps the record, the role index, the counts and
//! the members log in step.

use std::collections::BTreeSet;

use berty_hashlog::{pubkey_address_bytes, LogName, NewEvent};
use berty_interface::keys::MemberRecord;
use berty_interface::membership::{MemberEventData, MemberEventKind, MemberInit, MAX_BATCH};
use berty_interface::validate::{validate_addr, validate_pubkey};
use berty_interface::{College, Role};
use cosmwasm_std::{
    Addr, Api, Attribute, Binary, CanonicalAddr, DepsMut, Env, MessageInfo, Response, Storage,
};

use crate::error::ContractError;
use crate::owner::{assert_owner, assert_registrar};
use crate::state::{
    RoleCounts, BARRED, COUNTS, MEMBERS, MEMBERS_LOG, MEMBERS_LOG_KEY, PUBKEYS, ROLE_INDEX,
};

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

/// `add_field` names the list of additions in errors (`members` at instantiation).
pub fn validate_batch(
    api: &dyn Api,
    add_field: &'static str,
    add: Vec<MemberInit>,
    remove: Vec<String>,
) -> Result<Batch, ContractError> {
    check_batch_len(add_field, add.len())?;
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

type MemberEvent = NewEvent<MemberEventKind, MemberEventData>;

/// Role changes of one message: their log events (appended at once, so the log head is
/// read and written once), the counts (saved once) and the attributes an indexer follows
/// (per member `member`, `role`, `change`).
pub struct Changes {
    counts: RoleCounts,
    events: Vec<MemberEvent>,
    attributes: Vec<Attribute>,
    actor: Addr,
}

impl Changes {
    pub fn new(store: &dyn Storage, actor: &Addr) -> Result<Self, ContractError> {
        Ok(Changes {
            counts: COUNTS.may_load(store)?.unwrap_or_default(),
            events: vec![],
            attributes: vec![],
            actor: actor.clone(),
        })
    }

    /// Moves `addr` from role `old` (its current one, already loaded by the caller) to
    /// `new` (none: no role) as of this block. Returns whether anything changed.
    pub fn set_role(
        &mut self,
        store: &mut dyn Storage,
        height: u64,
        addr: &Addr,
        old: Option<Role>,
        new: Option<Role>,
    ) -> Result<bool, ContractError> {
        if old == new {
            return Ok(false);
        }
        if let Some(role) = old {
            ROLE_INDEX.remove(store, (role.code(), addr));
            self.counts.remove(role);
            self.log(MemberEventKind::Revoked, addr, role);
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
                self.counts.add(role);
                self.log(MemberEventKind::Granted, addr, role);
            }
            None => MEMBERS.remove(store, addr, height)?,
        }
        Ok(true)
    }

    fn log(&mut self, kind: MemberEventKind, addr: &Addr, role: Role) {
        let change = match kind {
            MemberEventKind::Granted => "granted",
            _ => "revoked",
        };
        self.attributes.extend([
            Attribute::new("member", addr),
            Attribute::new("role", role.attribute_value()),
            Attribute::new("change", change),
        ]);
        self.events.push(NewEvent {
            actor: self.actor.clone(),
            pubkey: None,
            kind,
            data: MemberEventData::Role {
                addr: addr.clone(),
                role,
            },
        });
    }

    /// Refuses a state with an empty college (SPEC 4.1): no proposal could open again.
    pub fn check_colleges(&self) -> Result<(), ContractError> {
        match College::ALL
            .into_iter()
            .find(|college| self.counts.of(Role::Council { college: *college }) == 0)
        {
            Some(college) => Err(ContractError::CollegeEmpty {
                college: college.as_str(),
            }),
            None => Ok(()),
        }
    }

    /// Writes the counts and the log, if anything changed; returns the attributes of the
    /// changes and of the appended log events.
    pub fn commit(
        self,
        store: &mut dyn Storage,
        env: &Env,
    ) -> Result<Vec<Attribute>, ContractError> {
        let mut attributes = self.attributes;
        if !self.events.is_empty() {
            let appended = self.events.len() as u64;
            COUNTS.save(store, &self.counts, env.block.height)?;
            let head = MEMBERS_LOG.append_all(store, env, MEMBERS_LOG_KEY, self.events)?;
            attributes.extend(LogName::Members.attributes(head.length - appended..head.length));
        }
        Ok(attributes)
    }
}

fn current_role(store: &dyn Storage, addr: &Addr) -> Result<Option<Role>, ContractError> {
    Ok(MEMBERS.may_load(store, addr)?.map(|record| record.role))
}

/// The role an address held before its last change (the newest changelog entry): one
/// bounded read.
fn last_role(store: &dyn Storage, addr: &Addr) -> Result<Option<Role>, ContractError> {
    let newest = MEMBERS
        .changelog()
        .prefix(addr)
        .range(store, None, None, cosmwasm_std::Order::Descending)
        .next()
        .transpose()?;
    Ok(newest
        .and_then(|(_, change)| change.old)
        .map(|record| record.role))
}

/// What a batch changed: how many addresses, and the attributes to emit.
pub struct Applied {
    pub changed: usize,
    pub attributes: Vec<Attribute>,
}

/// Applies a validated batch: removals must name members; additions set the role. Taking
/// the auditor role bars the address from the registrar's grants, adding it as an auditor
/// lifts the bar (SPEC 4.1); no college may be left empty.
pub fn apply_batch(
    store: &mut dyn Storage,
    env: &Env,
    actor: &Addr,
    batch: Batch,
) -> Result<Applied, ContractError> {
    let height = env.block.height;
    let mut changes = Changes::new(store, actor)?;
    let mut changed = 0;
    let mut barred = vec![];
    let removals = batch.remove.into_iter().map(|addr| (addr, None));
    let additions = batch.add.into_iter().map(|(addr, role)| (addr, Some(role)));
    for (addr, new) in removals.chain(additions) {
        let old = current_role(store, &addr)?;
        if new.is_none() && old.is_none() {
            // an auditor that left the role by unbonding (the registrar revoked it) while the
            // Council's removal was on its way is barred all the same: else it could bond
            // its way back right after
            if last_role(store, &addr)? != Some(Role::Auditor) {
                return Err(ContractError::NotAMember { addr });
            }
            if !BARRED.has(store, &addr) {
                BARRED.save(store, &addr, &())?;
                barred.push(Attribute::new("barred", &addr));
            }
            continue;
        }
        if !changes.set_role(store, height, &addr, old, new)? {
            continue;
        }
        changed += 1;
        if new == Some(Role::Auditor) {
            BARRED.remove(store, &addr);
        } else if old == Some(Role::Auditor) {
            BARRED.save(store, &addr, &())?;
            barred.push(Attribute::new("barred", &addr));
        }
    }
    changes.check_colleges()?;
    let mut attributes = changes.commit(store, env)?;
    attributes.extend(barred);
    Ok(Applied {
        changed,
        attributes,
    })
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
    let batch = validate_batch(deps.api, "add", add, remove)?;
    let applied = apply_batch(deps.storage, &env, &info.sender, batch)?;
    Ok(Response::new()
        .add_attribute("action", "update_members")
        .add_attribute("changed", applied.changed.to_string())
        .add_attributes(applied.attributes))
}

/// Registrar: a bond reached `min_bond`. Granting an existing auditor changes nothing; a
/// barred address (governance took its auditor role) is refused.
pub fn grant_auditor(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    addr: String,
) -> Result<Response, ContractError> {
    assert_registrar(deps.storage, &info.sender)?;
    cw_utils::nonpayable(&info)?;
    let addr = validate_addr(deps.api, &addr)?;
    let old = current_role(deps.storage, &addr)?;
    match old {
        Some(Role::Auditor) | None => {}
        Some(role) => return Err(ContractError::RoleConflict { addr, role }),
    }
    if BARRED.has(deps.storage, &addr) {
        return Err(ContractError::Barred { addr });
    }
    let attributes = change_one(
        deps.storage,
        &env,
        &info.sender,
        &addr,
        old,
        Some(Role::Auditor),
    )?;
    Ok(Response::new()
        .add_attribute("action", "grant_auditor")
        .add_attribute("auditor", &addr)
        .add_attribute("changed", (!attributes.is_empty()).to_string())
        .add_attributes(attributes))
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
    let old = current_role(deps.storage, &addr)?;
    if old != Some(Role::Auditor) {
        return Err(ContractError::NotAnAuditor { addr });
    }
    let attributes = change_one(deps.storage, &env, &info.sender, &addr, old, None)?;
    Ok(Response::new()
        .add_attribute("action", "revoke_auditor")
        .add_attribute("auditor", addr)
        .add_attributes(attributes))
}

/// One registrar change; the attributes are empty when nothing changed.
fn change_one(
    store: &mut dyn Storage,
    env: &Env,
    actor: &Addr,
    addr: &Addr,
    old: Option<Role>,
    new: Option<Role>,
) -> Result<Vec<Attribute>, ContractError> {
    if old == new {
        return Ok(vec![]);
    }
    let mut changes = Changes::new(store, actor)?;
    changes.set_role(store, env.block.height, addr, old, new)?;
    changes.commit(store, env)
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
    let key_address = pubkey_address_bytes(&pubkey);
    if canonical.as_slice() != key_address.as_slice() {
        let key_addr = deps
            .api
            .addr_humanize(&CanonicalAddr::from(key_address.as_slice()))?;
        return Err(ContractError::PubkeyMismatch {
            addr: sender,
            key_addr,
        });
    }
    if PUBKEYS.may_load(deps.storage, &sender)?.as_ref() == Some(&pubkey) {
        return Err(ContractError::PubkeyAlreadyRegistered { addr: sender });
    }
    PUBKEYS.save(deps.storage, &sender, &pubkey)?;
    let data = MemberEventData::Pubkey {
        addr: sender.clone(),
        key: pubkey.clone(),
    };
    let event = NewEvent {
        actor: sender.clone(),
        pubkey: Some(pubkey.clone()),
        kind: MemberEventKind::Pubkey,
        data,
    };
    let head = MEMBERS_LOG.append(deps.storage, &env, MEMBERS_LOG_KEY, event)?;
    Ok(Response::new()
        .add_attribute("action", "register_pubkey")
        .add_attribute("member", sender)
        .add_attribute("pubkey", pubkey.to_base64())
        .add_attributes(LogName::Members.attributes(head.length - 1..head.length)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use berty_interface::validate::ValidationError;
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
        let add = vec![init(&a, Role::Auditor)];
        let batch = validate_batch(&deps.api, "add", add.clone(), vec![b.to_string()]).unwrap();
        assert_eq!(batch.add, vec![(a.clone(), Role::Auditor)]);
        assert_eq!(batch.remove, vec![b.clone()]);
        let err = validate_batch(&deps.api, "add", vec![], vec![b.to_string(), b.to_string()]);
        assert!(matches!(err, Err(ContractError::DuplicateMember { addr }) if addr == b));
        let err = validate_batch(&deps.api, "add", add, vec!["x".into()]);
        assert!(matches!(
            err,
            Err(ContractError::Validation(ValidationError::InvalidAddress { addr, .. })) if addr == "x"
        ));
    }

    #[test]
    fn changes_keep_record_index_counts_and_log_in_step() {
        let mut deps = mock_dependencies();
        let mut env = mock_env();
        let (actor, a) = (deps.api.addr_make("owner"), deps.api.addr_make("a"));
        let store = deps.as_mut().storage;
        let mut changes = Changes::new(store, &actor).unwrap();
        let h = env.block.height;
        assert!(changes
            .set_role(store, h, &a, None, Some(Role::Auditor))
            .unwrap());
        assert!(!changes
            .set_role(store, h, &a, Some(Role::Auditor), Some(Role::Auditor))
            .unwrap());
        changes.commit(store, &env).unwrap();
        env.block.height += 1;
        let h = env.block.height;
        let mut changes = Changes::new(store, &actor).unwrap();
        assert!(changes
            .set_role(store, h, &a, Some(Role::Auditor), Some(Role::CoreTeamRep))
            .unwrap());
        assert_eq!(
            MEMBERS.load(store, &a).unwrap(),
            MemberRecord {
                role: Role::CoreTeamRep,
                since: h
            }
        );
        assert!(!ROLE_INDEX.has(store, (Role::Auditor.code(), &a)));
        assert!(ROLE_INDEX.has(store, (Role::CoreTeamRep.code(), &a)));
        assert_eq!(changes.counts, RoleCounts([0, 0, 1, 0]));
        assert!(changes
            .set_role(store, h, &a, Some(Role::CoreTeamRep), None)
            .unwrap());
        assert_eq!(changes.counts, RoleCounts::default());
        assert!(!ROLE_INDEX.has(store, (Role::CoreTeamRep.code(), &a)));
        changes.commit(store, &env).unwrap();
        // granted, then revoked + granted + revoked
        let head = MEMBERS_LOG.head(store, &env, MEMBERS_LOG_KEY).unwrap();
        assert_eq!(head.length, 4);
        assert_eq!(COUNTS.load(store).unwrap(), RoleCounts::default());
        assert_eq!(
            COUNTS.may_load_at_height(store, h).unwrap(),
            Some(RoleCounts([0, 0, 0, 1]))
        );
    }
}
