"""Keyed hashing, authenticated encryption and password hashing of personal data.

The database alone identifies nobody: an email is only kept as an HMAC keyed
with the server secret, a name only as AES-GCM ciphertext under a key derived
from that secret, a password only as a bcrypt hash.
"""

from __future__ import annotations

import hashlib
import hmac
import os

import bcrypt
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_NONCE_BYTES = 12


def derive_key(secret: bytes, purpose: str) -> bytes:
    """One independent 256-bit key per purpose, all from the one server secret."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode()).derive(secret)


def keyed_hash(key: bytes, value: str) -> str:
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def encrypt(key: bytes, plaintext: str, context: bytes) -> bytes:
    """AES-256-GCM; the random nonce is stored in front of the ciphertext."""
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext.encode(), context)


def decrypt(key: bytes, blob: bytes, context: bytes) -> str:
    return AESGCM(key).decrypt(blob[:_NONCE_BYTES], blob[_NONCE_BYTES:], context).decode()


def hash_password(password: str, rounds: int) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds)).decode()


def check_password(password: str, password_hash: str) -> bool:
    """bcrypt refuses (raises on) a password over 72 bytes: none was ever accepted, so none matches."""
    encoded = password.encode()
    return len(encoded) <= 72 and bcrypt.checkpw(encoded, password_hash.encode())
