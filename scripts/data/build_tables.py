#!/usr/bin/env python3
"""Build the emissions-calculator factor tables in data/*.csv.

Run from the repository root:

    pip install -r scripts/data/requirements.txt
    python3 scripts/data/build_tables.py [--ref ../shared/reference-data] [--out data]

(In a git worktree the default --ref, <repo>/../shared/reference-data, may not exist: pass it.)

Inputs (read-only reference copies, see each folder's SOURCE.md):
  grid-intensity/carbon_intensity_elec_2015plus.csv   Ember via Our World in Data (CC BY 4.0): countries
  grid-mix/lifecycle-factors.csv                      Ember-implied per-fuel lifecycle factors (USA, CAN, AUS)
  grid-mix/us-states-ember-generation-by-fuel.csv     Ember US state mix (CC BY 4.0)
  grid-mix/india-states-ember-generation-by-fuel.csv  Ember India state mix (CC BY 4.0)
  grid-mix/raw/eccc-nir2024-annex13-electricity-tables.xlsx  ECCC NIR 2024 Annex 13 (OGL-Canada)
  grid-mix/australia-states-aes-table-o-generation-by-fuel.csv  DCCEEW AES Table O (CC BY 4.0, transcription)
  grid-mix/combustion-and-scope2-rates.csv            NGA 2025 scope 2 rows (transcription)
  us-egrid/raw/egrid2022_subregion_co2_total_output_rate_lb_per_mwh.csv  US EPA eGRID2022 (public domain)
  gcp-region-carbon/2024.csv                          Google region-carbon-info (Apache-2.0)
  cloud-regions/cloud-regions.csv                     region list / locations
  codecarbon/cpu_power.csv                            CPU TDP cross-check (MIT)
The grid computation is in grid_tables.py (with the Ember country rows for CAN, AUS and IND
transcribed from ember-data-api, revision 0bcbcfb8). Hand-curated facts (PUE, equivalents)
are literal lists below, each with its primary source URL. data/hardware.csv and
data/embodied.csv are hand-edited CSVs (not written here) and are validated by the Rust
tests. Electricity Maps, WikiChip and carbonfootprint.com data are NOT used.
"""
from __future__ import annotations

import argparse
import csv
import io
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pycountry
import pycountry_convert as pcc

sys.path.insert(0, str(Path(__file__).resolve().parent))
import grid_tables  # noqa: E402

DATA_VERSION = "2026.12"
LB_TO_KG = 0.45359237
MILE_KM = 1.609344
US_GALLON_L = 3.785411784

# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------

def num(x: float | int | None, nd: int | None = None) -> str:
    """Plain decimal string, no exponent, no trailing zeros."""
    if x is None or x == "":
        return ""
    x = float(x)
    if nd is not None:
        x = round(x, nd)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    s = f"{x:.10f}".rstrip("0").rstrip(".")
    return s


def write_csv(path: Path, header: list[str], rows: list[dict]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        out = []
        for h in header:
            v = r.get(h, "")
            v = "" if v is None else str(v)
            v = re.sub(r"\s+", " ", v).strip()
            out.append(v)
        w.writerow(out)
    path.write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {path} ({len(rows)} rows)")


# --------------------------------------------------------------------------------------
# 1. hardware: data/hardware.csv and data/embodied.csv are HAND-EDITED (validated by
#    `cargo test -p emissions-core`, core/tests/data.rs). This script no longer writes
#    them; it only cross-checks CPU TDPs in hardware.csv against CodeCarbon (warn only).
# --------------------------------------------------------------------------------------
def check_hardware_against_codecarbon(ref: Path, out: Path) -> None:
    cc = {}
    with open(ref / "codecarbon/cpu_power.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            try:
                cc[r["Name"].strip().lower()] = float(r["TDP"])
            except (ValueError, KeyError):
                pass
    with open(out / "hardware.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["kind"] != "cpu" or not r["power_w"]:
                continue
            key = f"{r['vendor']} {r['name']}".lower()
            if key in cc and abs(cc[key] - float(r["power_w"])) > 0.5:
                print(f"  note: CodeCarbon TDP for {key} = {cc[key]} W vs ours {r['power_w']} W", file=sys.stderr)


# --------------------------------------------------------------------------------------
# 2. grid zones (countries here; sub-national zones, sources, mix and factors in grid_tables.py)
# --------------------------------------------------------------------------------------
OWID_URL = grid_tables.OWID_URL

SKIPPED_COUNTRIES: list[str] = []
CONTINENT_NAMES = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America",
                   "SA": "South America", "OC": "Oceania", "AN": "Antarctica"}
CONTINENT_OVERRIDE = {"XK": "Europe", "TL": "Asia", "EH": "Africa", "SX": "North America",
                      "VA": "Europe", "AQ": "Antarctica", "UM": "Oceania", "PN": "Oceania",
                      "TF": "Africa", "BQ": "North America", "CW": "North America"}
GZ_COLS = grid_tables.GZ_COLS
GS_COLS = grid_tables.GS_COLS
GM_COLS = grid_tables.GM_COLS
GF_COLS = grid_tables.GF_COLS


def continent_of(a2: str) -> str:
    if a2 in CONTINENT_OVERRIDE:
        return CONTINENT_OVERRIDE[a2]
    try:
        return CONTINENT_NAMES[pcc.country_alpha2_to_continent_code(a2)]
    except Exception:
        raise SystemExit(f"no continent for {a2}: add it to CONTINENT_OVERRIDE")


def build_country_rows(ref: Path) -> list[dict]:
    """WORLD and every country: Ember's lifecycle intensity via OWID, latest year per country."""
    rows: list[dict] = []
    latest: dict[str, tuple[int, float, str]] = {}
    with open(ref / "grid-intensity/carbon_intensity_elec_2015plus.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code = (r["iso_code"] or "").strip()
            if not code or r["carbon_intensity_elec"] in ("", None):
                continue
            y = int(r["year"])
            v = float(r["carbon_intensity_elec"])
            if code not in latest or y > latest[code][0]:
                latest[code] = (y, v, r["country"])
    skipped = []
    for code, (y, v, cname) in sorted(latest.items()):
        if code == "OWID_WRL":
            continue
        if code == "OWID_KOS":
            a2 = "XK"
        elif code.startswith("OWID_") or len(code) != 3:
            skipped.append(code)
            continue
        else:
            c = pycountry.countries.get(alpha_3=code)
            if c is None:
                skipped.append(code)
                continue
            a2 = c.alpha_2
        if not (0 < v <= 2000):
            # e.g. Central African Republic: every year is 0 in the OWID export (a data gap,
            # not a real zero: even hydro has a lifecycle intensity). Leave the country out.
            print(f"  skip {code}: intensity {v} out of range", file=sys.stderr)
            SKIPPED_COUNTRIES.append(f"{a2} ({cname}): OWID value {v} in {y}")
            continue
        rows.append(dict(zone_id=a2, name=cname, country_iso2=a2, kind="country",
                         continent=continent_of(a2), intensity=v, year=y))
    if skipped:
        print(f"  skipped OWID codes: {skipped}", file=sys.stderr)
    rows.sort(key=lambda r: r["zone_id"])
    y, v, _ = latest["OWID_WRL"]
    rows.insert(0, dict(zone_id="WORLD", name="World", country_iso2="", kind="world", continent="World",
                        intensity=v, year=y))
    return rows


# --------------------------------------------------------------------------------------
# 3. cloud regions
# --------------------------------------------------------------------------------------
CR_COLS = ("provider,region_code,region_name,city,subdivision,country_iso2,zone_id,provider_intensity_g_per_kwh,"
           "provider_cfe,provider_intensity_year,provider_intensity_source_url,source_url,year").split(",")
PROVIDERS = ("aws", "gcp", "azure", "oci")
PROVIDER_REGION_PAGES = {
    "aws": "https://aws.amazon.com/about-aws/global-infrastructure/regions_az/",
    "gcp": "https://cloud.google.com/about/locations",
    "azure": "https://learn.microsoft.com/azure/reliability/regions-list",
    "oci": "https://docs.oracle.com/en-us/iaas/Content/General/Concepts/regions.htm",
}
GCP_CARBON_URL = "https://github.com/GoogleCloudPlatform/region-carbon-info"


def first_url(s: str, prefer: str) -> str:
    urls = re.findall(r"https?://[^\s;,)]+", s or "")
    for u in urls:
        if prefer in u:
            return u
    return urls[0] if urls else ""


def build_cloud_regions(ref: Path, zone_ids: set[str], decisions: list[str]) -> list[dict]:
    gcp = {}
    with open(ref / "gcp-region-carbon/2024.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r.get("Google Cloud Region"):
                gcp[r["Google Cloud Region"].strip()] = (float(r["Grid carbon intensity (gCO2eq / kWh)"]),
                                                         float(r["Google CFE"]))
    rows = []
    seen = set()
    with open(ref / "cloud-regions/cloud-regions.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            p = r["provider"]
            if p not in PROVIDERS:
                continue
            code = r["region_code"].strip()
            c2 = r["country_iso2"].strip()
            if not c2:
                decisions.append(f"skipped {p}:{code} (country unknown)")
                continue
            sub = r["subdivision"].strip()
            zone = grid_tables.zone_for_region(c2, sub, zone_ids)
            if c2 in ("US", "CA", "AU", "IN") and zone == c2:
                decisions.append(f"{p}:{code} -> {c2} (no sub-national zone for subdivision {sub or 'not disclosed'!r})")
            if zone not in zone_ids:
                raise SystemExit(f"zone {zone} for {p}:{code} missing from grid_zones")
            name = r["region_name"].strip()
            if not name:
                name = f"{r['city'].strip() or code} ({code})"
                decisions.append(f"{p}:{code} has no published display name; region_name set to '{name}' (city from the identifier)")
            pi = pc = py = pu = ""
            if p == "gcp" and code in gcp:
                gi, cfe = gcp[code]
                pi, pc, py, pu = num(gi, 2), num(cfe, 2), 2024, GCP_CARBON_URL
            src = first_url(r["source_url"], {"aws": "amazon.com", "gcp": "cloud.google.com",
                                              "azure": "learn.microsoft.com", "oci": "oracle"}[p])
            if not src or "github.com" in src and p in ("aws", "oci"):
                src = PROVIDER_REGION_PAGES[p]
            key = (p, code)
            assert key not in seen, key
            seen.add(key)
            rows.append(dict(provider=p, region_code=code, region_name=name, city=r["city"].strip(),
                             subdivision=sub, country_iso2=c2, zone_id=zone,
                             provider_intensity_g_per_kwh=pi, provider_cfe=pc, provider_intensity_year=py,
                             provider_intensity_source_url=pu, source_url=src, year=2026))
    missing = set(gcp) - {r["region_code"] for r in rows if r["provider"] == "gcp"}
    if missing:
        decisions.append(f"GCP carbon-data regions without a region row: {sorted(missing)}")
    rows.sort(key=lambda r: (r["provider"], r["region_code"]))
    return rows


# --------------------------------------------------------------------------------------
# 4. PUE
# --------------------------------------------------------------------------------------
PUE_COLS = "key,label,pue,pue_low,pue_high,year,source_url,note,publisher".split(",")
# The organisation a statement cites for each PUE (the author of its BibTeX entry).
PUE_PUBLISHER = {
    "aws": "Amazon Web Services",
    "gcp": "Google",
    "azure": "Microsoft, as reported by DatacenterDynamics",
    "oci": "Oracle, as reported by DatacenterDynamics",
    "on-premises": "Uptime Institute",
    "personal": "International Organization for Standardization",
}
GOOGLE_EFF = "https://datacenters.google/operating-sustainably/efficiency"
DCD_2024 = "https://www.datacenterdynamics.com/en/news/aws-global-data-centers-achieved-pue-of-115-in-2023/"
PUE = [
    ("aws", "Amazon Web Services", 1.14, 1.04, 1.25, 2025, "https://sustainability.aboutamazon.com/products-services/the-cloud",
     "AWS global fleet PUE 1.14 (2025; 1.15 in 2023 and 2024). Low = AWS best-performing site 1.04 (Europe, 2023 and 2024). High = 1.25, the IDC public-cloud average that AWS itself cites (IDC Jan 2025); AWS publishes no worst-site value, so this is a documented conservative bound, not an AWS figure."),
    ("gcp", "Google Cloud", 1.09, 1.06, 1.15, 2024, "https://sustainability.google/reports/google-2025-environmental-report/",
     "Google fleet-wide annual PUE 1.09 for 2024 (2025 Environmental Report; trade press Dec 2024: 'around 1.1'). The reference copy marks the 1.09 as recalled, so check the report. Low = Google best site 1.06 (2024, trade press). High = 1.15, the highest published Google campus TTM PUE (asia-southeast1 Singapore, 2020)."),
    ("azure", "Microsoft Azure", 1.18, 1.12, 1.25, 2024, DCD_2024,
     "Microsoft fleet average 1.18 (Microsoft as reported by DatacenterDynamics, Dec 2024). Low = 1.12, Microsoft's newest-generation design value. High = 1.25, the IDC public-cloud average (IDC Jan 2025, as cited by AWS); Microsoft's per-region fact sheets were not retrieved, so individual regions may be outside this range."),
    ("oci", "Oracle Cloud Infrastructure", 1.25, 1.15, 1.56, 2024, DCD_2024,
     "Oracle publishes no fleet-average PUE; it says its facilities run 'as low as 1.15' (best sites; reported by DatacenterDynamics Dec 2024), used as the low bound. Central value = 1.25, the IDC public-cloud industry average (IDC 2H Datacenter Trends, Jan 2025, as cited on https://aws.amazon.com/sustainability/data-centers/). High = Uptime Institute 2024 industry average 1.56. (Green Algorithms uses 1.2 for Oracle from a 2023 Nutanix blog.)"),
    ("on-premises", "Unknown / on-premises data centre", 1.56, 1.25, 2.0, 2024, "https://datacenter.uptimeinstitute.com/rs/711-RIA-145/images/2024.GlobalDataCenterSurvey.Report.pdf",
     "Uptime Institute Global Data Center Survey 2024 industry average 1.56. Low = 1.25 (IDC public-cloud average, i.e. a modern well-run facility). High = 2.0, an editorial round bound for small or legacy server rooms (IDC puts on-premises enterprise sites at 1.63 on average; Google cited an industry average of 1.7 in 2016); not a survey statistic."),
    ("personal", "Personal computer or workstation", 1.0, 1.0, 1.0, 2016, "https://www.iso.org/standard/63451.html",
     "No facility overhead: a desktop, laptop or workstation in an office or home has no data-centre cooling or power distribution. PSU losses are already inside the device's wall power (Apple rows) and are not a facility overhead; PUE = total facility energy / IT equipment energy (ISO/IEC 30134-2) is therefore 1.0 by definition."),
]
# Google per-campus TTM PUE values published on Google's efficiency page, as captured
# ~2020 (Green Algorithms) and ~2022 (Cloud Carbon Footprint constants).
GCP_CAMPUS = {  # region: (label, latest value, latest year, [all published values])
    "us-east4": ("Ashburn, Virginia (us-east4)", 1.08, 2022, [1.08]),
    "us-central1": ("Council Bluffs, Iowa (us-central1)", 1.11, 2022, [1.11, 1.11]),
    "us-east1": ("Moncks Corner, South Carolina (us-east1)", 1.11, 2020, [1.11]),
    "us-west1": ("The Dalles, Oregon (us-west1)", 1.11, 2020, [1.11]),
    "europe-west1": ("St. Ghislain, Belgium (europe-west1)", 1.09, 2022, [1.08, 1.09]),
    "europe-west4": ("Eemshaven, Netherlands (europe-west4)", 1.07, 2022, [1.07]),
    "europe-north1": ("Hamina, Finland (europe-north1)", 1.09, 2022, [1.09, 1.09]),
    "asia-east1": ("Changhua County, Taiwan (asia-east1)", 1.12, 2022, [1.13, 1.12]),
    "asia-southeast1": ("Singapore (asia-southeast1)", 1.13, 2022, [1.15, 1.13]),
}


def build_pue() -> list[dict]:
    rows = []
    for key, label, pue, lo, hi, y, url, note in PUE:
        rows.append(dict(key=key, label=label, pue=num(pue), pue_low=num(lo), pue_high=num(hi), year=y,
                         source_url=url, note=note, publisher=PUE_PUBLISHER[key]))
    for reg, (label, v, y, vals) in GCP_CAMPUS.items():
        lo, hi = min(vals + [v]), max(vals + [v])
        rows.append(dict(key=f"gcp:{reg}", label=label, pue=num(v), pue_low=num(lo), pue_high=num(hi), year=y,
                         source_url=GOOGLE_EFF,
                         note=("Google campus trailing-twelve-month PUE " + ("as captured about 2022 in Cloud Carbon Footprint's constants" if y == 2022 else "as captured 2020-09 by Green Algorithms")
                               + "; low/high = range of the values published for this campus in those captures. Refresh from Google's efficiency page."),
                         publisher="Google"))
    return rows


# --------------------------------------------------------------------------------------
# 5. equivalents
# --------------------------------------------------------------------------------------
EQ_COLS = "id,label,grams_co2e_per_unit,unit,year,source_url,note,publisher".split(",")
EPA_EQ = "https://www.epa.gov/energy/greenhouse-gases-equivalencies-calculator-calculations-and-references"
DESNZ_2024 = "https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2024"


def great_circle_km(lat1, lon1, lat2, lon2) -> float:
    r = 6371.0088  # mean Earth radius, km
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


def build_equivalents() -> list[dict]:
    cdg_lhr = great_circle_km(49.0097, 2.5479, 51.4700, -0.4543)  # CDG -> LHR airport coordinates
    car_g_km = 3.93e-4 * 1e6 / MILE_KM
    gas_g_l = 8.89e-3 * 1e6 / US_GALLON_L
    rows = [
        ("car-km", "km driven by an average gasoline passenger car (US)", num(car_g_km, 1), "km", 2024, EPA_EQ,
         "EPA equivalencies: 3.93e-4 t CO2e per mile for a typical passenger vehicle, / 1.609344 km per mile. Tailpipe only. Value quoted from the EPA page by third parties; check against the live page (earlier revisions 3.98e-4 to 4.09e-4)."),
        ("gasoline-litre", "litres of gasoline burned", num(gas_g_l, 1), "L", 2024, EPA_EQ,
         "EPA equivalencies: 8.89e-3 t CO2 per US gallon of gasoline, / 3.785411784 L per gallon. Combustion CO2 only."),
        ("flight-economy-pkm", "passenger-km flown in economy on a long-haul flight", "150", "passenger-km", 2024, DESNZ_2024,
         "UK DESNZ 2024 conversion factors, long-haul economy, per passenger-km, including radiative forcing and the 8 % distance uplift, excluding well-to-tank. Quoted by third parties; confirm the exact value in the DESNZ flat file."),
        ("flight-paris-london", "one-way economy flights Paris CDG - London LHR (one passenger)", num(156 * cdg_lhr, 0), "flight", 2024, DESNZ_2024,
         f"Derived: {cdg_lhr:.0f} km great-circle distance CDG-LHR x 156 g CO2e per passenger-km (UK DESNZ 2024 short-haul to/from UK, economy, with radiative forcing; the factor already contains the 8 % routing uplift; well-to-tank excluded). Factor quoted by third parties; confirm in the DESNZ flat file. Indicative only."),
        ("tree-year", "tree-years of CO2 absorption (one urban tree seedling grown for a year)", num(0.060 * 1e6 / 10, 0), "tree-year", 2024, EPA_EQ,
         "ABSORPTION, not emission: EPA equivalencies give 0.060 t CO2 sequestered by one medium-growth urban tree seedling planted and grown for 10 years, i.e. 6 kg per tree per year on average. Emissions / this value = number of tree-years needed to absorb them. (Green Algorithms uses 11 kg per tree-year for a mature tree.)"),
        ("smartphone-charge", "smartphone charges", num(8.22e-6 * 1e6, 2), "charge", 2022, EPA_EQ,
         "EPA equivalencies: 8.22e-6 t CO2 per smartphone charge (older revision of the page, about 2020-2023, quoted by third parties; EPA may have revised it). Includes the US average grid emission rate."),
        ("home-electricity-year", "years of electricity use of an average US home", num(5.505 * 1e6, 0), "home-year", 2022, EPA_EQ,
         "EPA equivalencies: 5.505 t CO2 per home per year for electricity use (revision of about 2022-2023, quoted by third parties; the value changes with each revision)."),
        ("netflix-hour", "hours of video streaming (Europe, 2020)", "55", "hour", 2021, "https://www.carbontrust.com/our-work-and-impact/guides-reports-and-tools/carbon-impact-of-video-streaming",
         "Carbon Trust white paper 'Carbon impact of video streaming' (2021): about 55 gCO2e per hour in Europe (2020), including viewing device, network and data centre; strongly depends on device and grid. Value as used by Green Algorithms v3.1."),
    ]
    # The organisation a statement or the results card names for each source.
    publishers = {EPA_EQ: "US EPA", DESNZ_2024: "UK DESNZ",
                  "https://www.carbontrust.com/our-work-and-impact/guides-reports-and-tools/carbon-impact-of-video-streaming": "Carbon Trust"}
    return [dict(id=a, label=b, grams_co2e_per_unit=c, unit=d, year=e, source_url=f, note=g, publisher=publishers[f])
            for a, b, c, d, e, f, g in rows]


# --------------------------------------------------------------------------------------
# self-check
# --------------------------------------------------------------------------------------
def self_check(out: Path) -> dict[str, int]:
    def load(n):
        txt = (out / n).read_text(encoding="utf-8")
        assert "\r" not in txt and "\n\n" not in txt and not txt.startswith("\ufeff"), n
        for ln in txt.splitlines():
            assert ln == ln.rstrip(), f"trailing space in {n}: {ln[:60]}"
        return list(csv.DictReader(io.StringIO(txt)))

    def isyear(s):
        return bool(re.fullmatch(r"\d{4}", str(s)))

    def isurl(s):
        return bool(re.match(r"https?://\S+$", s or ""))

    counts = {}
    gs = {r["source_id"]: r for r in load("grid_sources.csv")}
    for r in gs.values():
        assert isurl(r["source_url"]) and r["licence"] and r["basis"] and r["publisher"], r
        assert r["status"] in ("verified", "secondary"), r
    gf = load("grid_factors.csv")
    assert [*gf[0].keys()] == GF_COLS
    fkeys = set()
    for r in gf:
        assert 0 < float(r["g_co2e_per_kwh"]) < 2000 and isurl(r["source_url"]) and isyear(r["year"]), r
        assert r["status"] in ("verified", "secondary") and r["note"], r
        assert (r["factor_set"], r["fuel"]) not in fkeys, r
        fkeys.add((r["factor_set"], r["fuel"]))
    counts["grid_factors.csv"] = len(gf)
    gz = load("grid_zones.csv")
    assert [*gz[0].keys()] == GZ_COLS
    zids = [r["zone_id"] for r in gz]
    assert len(zids) == len(set(zids))
    byid = {r["zone_id"]: r for r in gz}
    gm = load("grid_mix.csv")
    assert [*gm[0].keys()] == GM_COLS
    mix = defaultdict(list)
    for r in gm:
        assert r["zone_id"] in byid, r
        f = next(x for x in gf if (x["factor_set"], x["fuel"]) == (r["factor_set"], r["fuel"]) or
                 (x["factor_set"], r["fuel"], x["fuel"]) == (r["factor_set"], "coal", "coal"))
        assert abs(float(f["g_co2e_per_kwh"]) - float(r["factor_g_per_kwh"])) < 1e-9, (r, f)
        mix[r["zone_id"]].append(r)
    counts["grid_mix.csv"] = len(gm)
    for r in gz:
        lc = float(r["lifecycle_g_per_kwh"])
        assert 0 < lc <= 2000, r
        assert isyear(r["lifecycle_year"]) and r["lifecycle_source_id"] in gs, r
        assert r["continent"] in ("Africa", "Asia", "Europe", "North America", "South America", "Oceania", "World", "Antarctica"), r
        assert r["lifecycle_method"] in (grid_tables.M_PUBLISHED, grid_tables.M_COUNTRY, grid_tables.M_ZONE, grid_tables.M_FLOOR), r
        if r["direct_g_per_kwh"]:
            assert isyear(r["direct_year"]) and r["direct_source_id"] in gs, r
            assert lc >= float(r["direct_g_per_kwh"]) or r["correction"], r
        else:
            assert not (r["direct_year"] or r["direct_source_id"]), r
        if r["kind"] == "subnational":
            p = byid[r["parent_zone"]]
            assert p["kind"] == "country" and p["country_iso2"] == r["country_iso2"], r
        if r["lifecycle_method"] != grid_tables.M_PUBLISHED:
            m, w = grid_tables.lifecycle_of(mix[r["zone_id"]])
            if r["lifecycle_method"] == grid_tables.M_FLOOR:
                assert m < lc and lc == float(r["direct_g_per_kwh"]), r
            else:
                assert abs(round(m, 2) - lc) < 1e-9, (r, m)
            assert abs(w - float(r["generation_gwh"])) < 0.06, (r, w)
    for c2 in {r["parent_zone"] for r in gz if r["parent_zone"]}:
        subs = [r for r in gz if r["parent_zone"] == c2]
        w = sum(float(r["generation_gwh"]) for r in subs)
        mean = sum(float(r["lifecycle_g_per_kwh"]) * float(r["generation_gwh"]) for r in subs) / w
        assert abs(mean / float(byid[c2]["lifecycle_g_per_kwh"]) - 1) <= 0.02, (c2, mean)
    assert sum(r["kind"] == "country" for r in gz) >= 200
    counts["grid_zones.csv"] = len(gz)

    cr = load("cloud_regions.csv")
    assert [*cr[0].keys()] == CR_COLS
    keys = [(r["provider"], r["region_code"]) for r in cr]
    assert len(keys) == len(set(keys))
    zs = set(zids)
    for r in cr:
        assert r["zone_id"] in zs, r
        assert isurl(r["source_url"]) and isyear(r["year"]), r
        if r["provider_intensity_g_per_kwh"]:
            assert r["provider"] == "gcp" and 0 < float(r["provider_intensity_g_per_kwh"]) <= 2000
            assert 0 <= float(r["provider_cfe"]) <= 1 and isyear(r["provider_intensity_year"]) and isurl(r["provider_intensity_source_url"])
        else:
            assert not (r["provider_cfe"] or r["provider_intensity_year"] or r["provider_intensity_source_url"])
    counts["cloud_regions.csv"] = len(cr)

    pue = load("pue.csv")
    assert [*pue[0].keys()] == PUE_COLS
    pk = [r["key"] for r in pue]
    assert len(pk) == len(set(pk))
    for r in pue:
        lo, v, hi = float(r["pue_low"]), float(r["pue"]), float(r["pue_high"])
        assert 1.0 <= lo <= v <= hi <= 3.0, r
        assert isurl(r["source_url"]) and isyear(r["year"]), r
        if ":" in r["key"]:
            prov, reg = r["key"].split(":", 1)
            assert (prov, reg) in set(keys), r["key"]
    for p in {r["provider"] for r in cr}:
        assert p in pk, p
    assert "on-premises" in pk and "personal" in pk
    counts["pue.csv"] = len(pue)

    eq = load("equivalents.csv")
    assert [*eq[0].keys()] == EQ_COLS
    eids = [r["id"] for r in eq]
    assert len(eids) == len(set(eids))
    for r in eq:
        assert float(r["grams_co2e_per_unit"]) > 0 and isurl(r["source_url"]) and isyear(r["year"]), r
    counts["equivalents.csv"] = len(eq)
    return counts


def main() -> None:
    here = Path(__file__).resolve()
    repo = here.parents[2]
    ap = argparse.ArgumentParser()
    ap.add_argument("--ref", default=str(repo.parent / "shared/reference-data"))
    ap.add_argument("--out", default=str(repo / "data"))
    a = ap.parse_args()
    ref, out = Path(a.ref), Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    decisions: list[str] = []

    zones, sources, mix, factors = grid_tables.build(ref, build_country_rows(ref), decisions)
    cr = build_cloud_regions(ref, {r["zone_id"] for r in zones}, decisions)
    write_csv(out / "grid_zones.csv", GZ_COLS, zones)
    write_csv(out / "grid_sources.csv", GS_COLS, sources)
    write_csv(out / "grid_mix.csv", GM_COLS, mix)
    write_csv(out / "grid_factors.csv", GF_COLS, factors)
    write_csv(out / "cloud_regions.csv", CR_COLS, cr)
    write_csv(out / "pue.csv", PUE_COLS, build_pue())
    write_csv(out / "equivalents.csv", EQ_COLS, build_equivalents())
    for sc in SKIPPED_COUNTRIES:
        decisions.append(f"country left out of grid_zones: {sc}")
    print("\njoin decisions:")
    for d in decisions:
        print("  " + d)
    check_hardware_against_codecarbon(ref, out)
    counts = self_check(out)
    print("\nself-check OK; data version", DATA_VERSION)
    for k, v in counts.items():
        print(f"  {k}: {v} rows")


if __name__ == "__main__":
    main()
