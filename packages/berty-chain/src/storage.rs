//! One contract's storage as the VM sees it, charged as the SDK's gas KV store charges it.

use std::rc::Rc;

use cosmwasm_std::{Order, Record};
use cosmwasm_vm::{BackendError, BackendResult, GasInfo, Storage};

use crate::gas::{kv, GAS_MULTIPLIER};
use crate::runtime::Core;
use crate::world::{store_key, CONTRACT_STORE_PREFIX};

/// An open iterator: its entries (full keys), taken when it was opened, and the cursor.
struct Cursor {
    entries: Vec<(Vec<u8>, Vec<u8>)>,
    position: usize,
}

pub struct ContractStorage {
    core: Rc<Core>,
    /// `0x03 ‖ contract address`.
    prefix: Vec<u8>,
    iterators: Vec<Cursor>,
}

impl ContractStorage {
    pub fn new(core: Rc<Core>, contract: &[u8]) -> Self {
        ContractStorage {
            core,
            prefix: store_key(contract, &[]),
            iterators: Vec::new(),
        }
    }

    fn full_key(&self, key: &[u8]) -> Vec<u8> {
        [self.prefix.as_slice(), key].concat()
    }

    /// Charges SDK gas to the transaction and reports it to the VM as used outside it, as
    /// wasmvm's Go callbacks do.
    fn charge(&self, op: &str, key: &[u8], value_len: usize, gas: u64) -> GasInfo {
        if self.core.trace {
            eprintln!(
                "  [storage] {op:<6} {:>6} gas  key {:<40} value {value_len} bytes",
                gas,
                printable(key)
            );
        }
        self.core.charge_storage(gas);
        GasInfo::with_externally_used(gas * GAS_MULTIPLIER)
    }
}

/// A key as text where it is text (cw-storage-plus namespaces are), hex elsewhere.
fn printable(key: &[u8]) -> String {
    key.iter()
        .map(|&b| {
            if b.is_ascii_graphic() {
                (b as char).to_string()
            } else {
                format!("\\x{b:02x}")
            }
        })
        .collect()
}

/// The smallest key greater than every key starting with `prefix`.
fn prefix_end(prefix: &[u8]) -> Vec<u8> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return end;
        }
    }
    vec![CONTRACT_STORE_PREFIX + 1]
}

impl Storage for ContractStorage {
    fn get(&self, key: &[u8]) -> BackendResult<Option<Vec<u8>>> {
        let full = self.full_key(key);
        let value = self.core.world().get(&full).cloned();
        let len = value.as_ref().map_or(0, Vec::len);
        let gas = kv::read(full.len(), len);
        (Ok(value), self.charge("read", key, len, gas))
    }

    fn scan(
        &mut self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> BackendResult<u32> {
        let start = start.map_or_else(|| self.prefix.clone(), |s| self.full_key(s));
        let end = end.map_or_else(|| prefix_end(&self.prefix), |e| self.full_key(e));
        let entries = self.core.world().range(start.clone(), end, order);
        let gas = kv::seek(entries.first().map(|(k, v)| (k.len(), v.len())));
        let traced = start[self.prefix.len()..].to_vec();
        let id = self.iterators.len() as u32 + 1;
        self.iterators.push(Cursor {
            entries,
            position: 0,
        });
        (Ok(id), self.charge("scan", &traced, 0, gas))
    }

    fn next(&mut self, iterator_id: u32) -> BackendResult<Option<Record>> {
        let prefix_len = self.prefix.len();
        let Some(cursor) = (iterator_id as usize)
            .checked_sub(1)
            .and_then(|i| self.iterators.get_mut(i))
        else {
            return (
                Err(BackendError::iterator_does_not_exist(iterator_id)),
                GasInfo::free(),
            );
        };
        // wasmvm's `cNext` returns at the end without touching the store: no gas.
        let Some((key, value)) = cursor.entries.get(cursor.position).cloned() else {
            return (Ok(None), GasInfo::free());
        };
        cursor.position += 1;
        let gas = kv::seek(Some((key.len(), value.len())));
        let info = self.charge("next", &key[prefix_len..], value.len(), gas);
        (Ok(Some((key[prefix_len..].to_vec(), value))), info)
    }

    fn set(&mut self, key: &[u8], value: &[u8]) -> BackendResult<()> {
        let full = self.full_key(key);
        let gas = kv::write(full.len(), value.len());
        self.core.world_mut().set(full, value.to_vec());
        (Ok(()), self.charge("write", key, value.len(), gas))
    }

    fn remove(&mut self, key: &[u8]) -> BackendResult<()> {
        let full = self.full_key(key);
        self.core.world_mut().remove(&full);
        (Ok(()), self.charge("delete", key, 0, kv::DELETE_COST))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_end_bounds_the_prefix() {
        assert_eq!(prefix_end(&[3, 1, 2]), vec![3, 1, 3]);
        assert_eq!(prefix_end(&[3, 1, 0xff]), vec![3, 2]);
    }
}
