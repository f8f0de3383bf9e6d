"""Vietnamese administrative units from a maintained dataset (``vietnamadminunits``: the
63-province units in force until 30 June 2025, the 34-province units from 1 July 2025 and
the mapping between them). Its data ships in its wheel: nothing is downloaded at run time.

``province_of("Thành phố Phan Rang - Tháp Chàm")`` → ``"Ninh Thuận"``; the document's date
decides which map applies (``date >= "2025-07-01"`` reads the 34-province names)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

REFORM_DATE = "2025-07-01"  # Nghị quyết 202/2025/QH15: 34 provinces from this day
_PREFIXES = ("Thành phố ", "Tỉnh ")


@dataclass(frozen=True, slots=True)
class Place:
    province: str | None  # bare name: "Ninh Thuận", "Đà Nẵng"
    district: str | None  # with its type: "Thành phố Phan Rang - Tháp Chàm", "Huyện Yên Châu"
    ward: str | None


def _bare(name: str | None) -> str | None:
    if not name:
        return None
    for p in _PREFIXES:
        if name.startswith(p):
            return name[len(p):]
    return name


@functools.lru_cache(maxsize=4096)
def parse(address: str, after_reform: bool = False) -> Place:
    """The units an address names (None where it names none, or several equally)."""
    from vietnamadminunits import ParseMode, parse_address  # ~1 s to load: only when needed

    mode = ParseMode.FROM_2025 if after_reform else ParseMode.LEGACY
    try:
        unit = parse_address(address, mode=mode, level=2 if after_reform else 3)
    except Exception:  # the parser raises on odd input; an unresolved place is not an error
        return Place(None, None, None)
    return Place(_bare(unit.province), getattr(unit, "district", None), getattr(unit, "ward", None))


@functools.lru_cache(maxsize=1024)
def province_2025(province: str) -> str | None:
    """The 34-province name of a 63-province name ("Bắc Kạn" → "Thái Nguyên")."""
    from vietnamadminunits import convert_address

    for prefix in _PREFIXES:
        try:
            unit = convert_address(f"{prefix}{province}")
        except Exception:
            continue
        if unit.province:
            return _bare(unit.province)
    return None


def is_province(name: str) -> bool:
    """Is ``name`` ("Đà Nẵng", "Hải Phòng") a province or centrally-run city of the old map?"""
    p = parse(name)
    return p.province is not None and p.district is None and _fold(p.province) == _fold(name)


def _fold(s: str) -> str:
    return " ".join(s.replace("-", " ").split()).casefold()
