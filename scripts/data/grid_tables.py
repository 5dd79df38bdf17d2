"""Grid-intensity tables: one lifecycle basis for every zone, direct figures beside it.

Imported by build_tables.py; writes nothing itself. See data/README.md section 2 for the
method. In short:

* Countries: Ember's lifecycle intensity of generation (via Our World in Data), as published.
* Sub-national zones (US states + DC + PR, Canadian provinces/territories, Australian states,
  Indian states): the zone's own generation mix x the SAME country's Ember-implied per-fuel
  lifecycle factors (emissions / generation per fuel in Ember's country data), so that a
  country's zones and the country agree. Each zone's generation of a fuel is first scaled to
  the country's 2024 Ember total for that fuel ("apportionment"), because the sub-national
  sources cover another year (Canada 2022, Australia FY2022-23) or only part of the
  generation (Canada: utilities only; India: no captive plants).
* For US, CA, AU and IN the country row is Ember's own country intensity in the same data
  revision as the factors (country mix x the same factors), so zones and country share one
  vintage.
* Direct (combustion / scope 2) figures are kept beside, each with its own source and year.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

LB_TO_KG = 0.45359237

# ------------------------------------------------------------------------------------------
# sources
# ------------------------------------------------------------------------------------------
OWID_URL = "https://ourworldindata.org/grapher/carbon-intensity-electricity"
EMBER_API_COMMIT = "0bcbcfb802115fa8326b3b03ddf5345b76af7db7"
EMBER_API_URL = ("https://github.com/ember-energy/ember-data-api/blob/" + EMBER_API_COMMIT
                 + "/data/api_generation_yearly.csv")
EMBER_STATES_COMMIT = "1f2147181ebff93b0f7b956e0b3bd8c84a977d5d"
EMBER_US_STATES_URL = ("https://github.com/ember-energy/ember-data-api/blob/" + EMBER_STATES_COMMIT
                       + "/data/api_generation_usa_yearly.csv")
EMBER_IN_STATES_URL = ("https://github.com/ember-energy/ember-data-api/blob/" + EMBER_STATES_COMMIT
                       + "/data/api_generation_ind_yearly.csv")
EMBER_METHOD_URL = "https://ember-climate.org/insights/research/global-electricity-review-2024/supporting-material/"
EGRID_URL = "https://www.epa.gov/egrid/summary-data"
NIR_URL = ("https://www.canada.ca/en/environment-climate-change/services/climate-change/"
           "greenhouse-gas-emissions/inventory.html")
AES_URL = ("https://www.energy.gov.au/publications/australian-energy-statistics-table-o-electricity-"
           "generation-fuel-type-2022-23-and-2023")
NGA25_URL = "https://www.dcceew.gov.au/climate-change/publications/national-greenhouse-accounts-factors-2025"
AR5_URL = "https://www.ipcc.ch/site/assets/uploads/2018/02/ipcc_wg3_ar5_annex-iii.pdf#page=7"

GS_COLS = "source_id,publisher,basis,source_url,licence,status,author,title,short_basis".split(",")
LIFECYCLE_BASIS = "lifecycle gCO2e per kWh of electricity generated (production mix, imports ignored; Ember)"
SOURCES = [
    dict(source_id="ember-owid",
         publisher="Ember; Energy Institute - Statistical Review of World Energy; processed by Our World in Data",
         basis=LIFECYCLE_BASIS, source_url=OWID_URL, licence="CC BY 4.0", status="verified",
         author="Ember and Energy Institute, via Our World in Data", title="Carbon intensity of electricity generation", short_basis="Ember's method"),
    dict(source_id="ember-country-2024",
         publisher="Ember, Yearly Electricity Data (ember-data-api revision 0bcbcfb8, later than June 2025)",
         basis="lifecycle gCO2e per kWh generated: country generation by fuel x Ember-implied lifecycle factor per fuel "
               "(= Ember's own country intensity in this data revision); production mix, imports ignored",
         source_url=EMBER_API_URL, licence="CC BY 4.0", status="verified",
         author="Ember", title="Yearly Electricity Data", short_basis="Ember's method"),
    dict(source_id="ember-us-states-2024",
         publisher="Ember, US state electricity data 2024 (mix, from EIA) and Yearly Electricity Data (USA factors)",
         basis="lifecycle gCO2e per kWh generated, computed for this calculator: in-state generation by fuel, scaled to "
               "Ember's US 2024 total per fuel, x Ember's USA-implied 2024 factors; production mix, imports ignored",
         source_url=EMBER_US_STATES_URL, licence="CC BY 4.0", status="verified",
         author="Ember", title="US state electricity data and Yearly Electricity Data", short_basis="state mix × Ember's US factors"),
    dict(source_id="ember-india-states-2024",
         publisher="Ember, India state electricity data 2024 (mix) and Yearly Electricity Data (India factors)",
         basis="lifecycle gCO2e per kWh generated, computed for this calculator: in-state generation by fuel, scaled to "
               "Ember's India 2024 total per fuel, x Ember's India-implied 2024 factors; production mix, imports ignored",
         source_url=EMBER_IN_STATES_URL, licence="CC BY 4.0", status="verified",
         author="Ember", title="India state electricity data and Yearly Electricity Data", short_basis="state mix × Ember's India factors"),
    dict(source_id="eccc-nir-2024-mix",
         publisher="Environment and Climate Change Canada, National Inventory Report 2024, Annex 13 (provincial mix 2022) "
                   "and Ember, Yearly Electricity Data (Canada factors)",
         basis="lifecycle gCO2e per kWh generated, computed for this calculator: the province's 2022 share of each fuel "
               "(NIR, utilities only, 2022 preliminary) applied to Ember's Canada 2024 total for that fuel, x Ember's "
               "Canada-implied 2024 factors; production mix, imports ignored",
         source_url=NIR_URL, licence="Open Government Licence - Canada (NIR); CC BY 4.0 (Ember)", status="verified",
         author="Environment and Climate Change Canada and Ember", title="National Inventory Report 2024, Annex 13, and Yearly Electricity Data", short_basis="provincial mix × Ember's Canada factors"),
    dict(source_id="dcceew-aes-2024-mix",
         publisher="Australian Government DCCEEW, Australian Energy Statistics 2024, Table O (state mix FY2022-23, "
                   "third-party transcription) and Ember, Yearly Electricity Data (Australia factors)",
         basis="lifecycle gCO2e per kWh generated, computed for this calculator: the state's FY2022-23 share of each fuel "
               "(AES Table O) applied to Ember's Australia 2024 total for that fuel, x Ember's Australia-implied 2024 "
               "factors (coal split into brown for VIC and black for the other states); production mix, imports ignored",
         source_url=AES_URL, licence="CC BY 4.0 (Commonwealth of Australia; Ember)", status="secondary",
         author="Australian Government DCCEEW and Ember", title="Australian Energy Statistics 2024, Table O, and Yearly Electricity Data", short_basis="state mix × Ember's Australia factors"),
    dict(source_id="epa-egrid2022", publisher="US EPA eGRID2022",
         basis="CO2 total output emission rate (combustion, CO2 only)", source_url=EGRID_URL,
         licence="Public domain (US Gov)", status="verified",
         author="US Environmental Protection Agency", title="Emissions and Generation Resource Integrated Database (eGRID2022)", short_basis="combustion, CO2 only"),
    dict(source_id="eccc-nir-2024",
         publisher="Environment and Climate Change Canada, National Inventory Report 1990-2022 (2024 edition), Annex 13",
         basis="generation intensity: combustion and other on-site emissions of utility generators (CO2+CH4+N2O) per kWh "
               "generated; no upstream; utilities (NAICS 22111) only; 2022 is preliminary",
         source_url=NIR_URL, licence="Open Government Licence - Canada", status="verified",
         author="Environment and Climate Change Canada", title="National Inventory Report 1990-2022, Annex 13: Electricity generation and GHG emission details", short_basis="combustion at the plant"),
    dict(source_id="dcceew-nga-2025",
         publisher="Australian Government DCCEEW, National Greenhouse Accounts Factors 2025, Table 1 "
                   "(third-party transcription, not read from the DCCEEW workbook)",
         basis="scope 2 location-based factor for purchased grid electricity (consumption-based: includes imports and "
               "network losses; scope 3 excluded)",
         source_url=NGA25_URL, licence="CC BY 4.0", status="secondary",
         author="Australian Government DCCEEW", title="National Greenhouse Accounts Factors 2025", short_basis="scope 2, location-based"),
]

# ------------------------------------------------------------------------------------------
# Ember country data, 2024, read from ember-data-api data/api_generation_yearly.csv at
# revision 0bcbcfb8 (the revision lifecycle-factors.csv was derived from). The file (7 MB) is
# not in the reference copy; these rows were read from the stored file and transcribed.
# fuel: (generation_twh, emissions_mtco2)
# ------------------------------------------------------------------------------------------
EMBER_COUNTRY_2024 = {
    "CAN": {"bioenergy": (9.83, 2.13), "coal": (25.14, 22.31), "gas": (109.6, 79.11), "hydro": (343.2, 8.15),
            "nuclear": (85.47, 0.40), "other_fossil": (7.30, 4.80), "solar": (9.42, 0.45), "wind": (46.83, 0.45)},
    "AUS": {"bioenergy": (2.99, 0.65), "coal": (127.33, 112.09), "gas": (49.10, 35.99), "hydro": (12.85, 0.31),
            "other_fossil": (6.42, 4.22), "solar": (50.21, 2.39), "wind": (32.74, 0.31)},
    "IND": {"bioenergy": (22.25, 4.81), "coal": (1517.9, 1380.86), "gas": (56.44, 39.12), "hydro": (156.53, 3.72),
            "nuclear": (54.70, 0.32), "other_fossil": (4.09, 2.69), "solar": (136.75, 6.50), "wind": (81.54, 1.31)},
}
ISO3 = {"US": "USA", "CA": "CAN", "AU": "AUS", "IN": "IND"}

# Apportionment: a fuel's sub-national generation is scaled to the country total only when the
# sub-national source covers between half and twice the country total; otherwise it is left as
# published and the difference stays unallocated (it still counts in the country row).
SCALE_MIN, SCALE_MAX = 0.5, 2.0
# Victoria burns brown coal (lignite). AES does not split coal; Ember's AUS factor is a blend.
# VIC coal gets the midpoint of Ember's lignite range for EU plants (Gibon et al. 2022, 1033-1080
# g/kWh, Ember European Electricity Review 2024 methodology); the other states get the residual
# black-coal factor that keeps Ember's national coal factor.
LIGNITE_G_PER_KWH = round((1033 + 1080) / 2, 1)
BROWN_COAL_ZONES = {"AU-VIC"}
# India states/UTs with less in-state generation than this are not tabulated (their production
# mix says nothing about the grid that supplies them); users there get the country value.
IN_MIN_GWH = 100.0
# NIR "other fuels" with a direct rate below this are mostly biomass (biogenic CO2 is not counted).
NIR_BIOMASS_RATE = 300.0

GF_COLS = "factor_set,country_iso2,fuel,g_co2e_per_kwh,generation_twh,emissions_mt,year,source_url,status,note".split(",")
GM_COLS = "zone_id,fuel,source_fuel,generation_gwh,scale,factor_g_per_kwh,factor_set".split(",")
GZ_COLS = ("zone_id,name,country_iso2,kind,continent,parent_zone,lifecycle_g_per_kwh,lifecycle_year,lifecycle_source_id,"
           "lifecycle_method,mix_year,generation_gwh,direct_g_per_kwh,direct_year,direct_source_id,correction").split(",")

M_PUBLISHED = "published"
M_COUNTRY = "country mix x country factors"
M_ZONE = "zone mix x country factors"
M_FLOOR = "zone mix x country factors; floor at direct"


def num(x, nd=None) -> str:
    if x is None or x == "":
        return ""
    x = float(x)
    if nd is not None:
        x = round(x, nd)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.10f}".rstrip("0").rstrip(".")


# ------------------------------------------------------------------------------------------
# factor sets
# ------------------------------------------------------------------------------------------
def load_factor_sets(ref: Path, factors_out: list[dict]) -> dict[str, dict[str, tuple[float, str]]]:
    """Returns {country_iso2: {fuel: (g_per_kwh, factor_set)}}; fills factors_out (grid_factors.csv rows)."""
    raw: dict[str, dict[str, dict]] = defaultdict(dict)
    with open(ref / "grid-mix/lifecycle-factors.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            raw[r["factor_set"]][r["fuel"]] = r
    sets: dict[str, dict[str, tuple[float, str]]] = {}
    ar5 = raw["Ember AR5-based set (sub-national data)"]
    for c2, c3 in ISO3.items():
        sid = f"ember-2024-{c3.lower()}"
        fs: dict[str, tuple[float, str]] = {}
        src = raw.get(f"Ember country-level implied 2024 ({c3})")
        trans = EMBER_COUNTRY_2024.get(c3)
        if src:  # USA, CAN, AUS: as derived in lifecycle-factors.csv
            for fuel, r in sorted(src.items()):
                v = float(r["g_co2e_per_kwh"])
                g = e = ""
                if trans and fuel in trans:
                    g, e = trans[fuel]
                    assert abs(round(e / g * 1000, 1) - v) <= 0.15, (c3, fuel, v, e / g * 1000)
                fs[fuel] = (v, sid)
                factors_out.append(dict(factor_set=sid, country_iso2=c2, fuel=fuel, g_co2e_per_kwh=num(v, 1),
                                        generation_twh=num(g), emissions_mt=num(e), year=2024,
                                        source_url=EMBER_API_URL, status="verified",
                                        note="Ember-implied: emissions_mtco2 / generation_twh, Ember country data 2024 "
                                             "(from reference lifecycle-factors.csv); inputs rounded to 0.01, so small "
                                             "fuels carry a few % rounding error"))
        else:  # India: derived here the same way from the transcribed rows
            for fuel, (g, e) in sorted(trans.items()):
                v = round(e / g * 1000, 1)
                fs[fuel] = (v, sid)
                factors_out.append(dict(factor_set=sid, country_iso2=c2, fuel=fuel, g_co2e_per_kwh=num(v, 1),
                                        generation_twh=num(g), emissions_mt=num(e), year=2024,
                                        source_url=EMBER_API_URL, status="verified",
                                        note="Ember-implied: emissions_mtco2 / generation_twh, Ember country data India 2024 "
                                             "(derived here like lifecycle-factors.csv; inputs rounded to 0.01)"))
        if c3 == "CAN":  # NIR does not split wind and solar: Ember's own "Wind and solar" aggregate
            g = trans["wind"][0] + trans["solar"][0]
            e = trans["wind"][1] + trans["solar"][1]
            v = round(e / g * 1000, 1)
            fs["wind_solar"] = (v, sid)
            factors_out.append(dict(factor_set=sid, country_iso2=c2, fuel="wind_solar", g_co2e_per_kwh=num(v, 1),
                                    generation_twh=num(round(g, 2)), emissions_mt=num(round(e, 2)), year=2024,
                                    source_url=EMBER_API_URL, status="verified",
                                    note="Ember's 'Wind and solar' aggregate for Canada 2024 (wind + solar), used for "
                                         "NIR 'other renewables' (wind, tidal, solar)"))
        # fuels without a country factor: Ember's AR5-based sub-national set (fallback, labelled)
        for fuel in ("other_renewables",):
            if fuel not in fs:
                v = float(ar5[fuel]["g_co2e_per_kwh"])
                fs[fuel] = (v, "ember-ar5")
        sets[c2] = fs
    for fuel, r in sorted(ar5.items()):
        factors_out.append(dict(factor_set="ember-ar5", country_iso2="", fuel=fuel,
                                g_co2e_per_kwh=num(float(r["g_co2e_per_kwh"]), 1), generation_twh="", emissions_mt="",
                                year=2014, source_url=r["source_url"], status="verified",
                                note="FALLBACK only, for a fuel that has no country factor (other renewables in CA, AU, "
                                     "IN). Ember's AR5-based set of its sub-national data (IPCC AR5 WG3 Annex III "
                                     "medians; other fossil 700 and other renewables 38 are Ember's choices)"))
    return sets


# ------------------------------------------------------------------------------------------
# sub-national mixes: {zone_id: (name, [(fuel, source_fuel, gwh)])}, national totals {fuel: gwh}
# ------------------------------------------------------------------------------------------
def read_ember_states(path: Path, year: str, total_zone: str):
    mixes: dict[str, list] = defaultdict(list)
    names: dict[str, str] = {}
    total: dict[str, float] = defaultdict(float)
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["year"] != year:
                continue
            v = float(r["generation_gwh_or_share"])
            assert r["unit"] == "GWh", r
            if r["zone"] == total_zone:
                total[r["fuel"]] += v
                continue
            names[r["zone"]] = r["zone_name"]
            mixes[r["zone"]].append((r["fuel"], r["fuel"], v))
    return {z: (names[z], m) for z, m in mixes.items()}, dict(total)


def read_nir(ref: Path):
    """ECCC NIR 2024 Annex 13 (verbatim workbook): 2022 generation by fuel, emissions by fuel, intensity."""
    import openpyxl

    codes = {"Canada": "CA", "Newfoundland and Labrador": "CA-NL", "Prince Edward Island": "CA-PE",
             "Nova Scotia": "CA-NS", "New Brunswick": "CA-NB", "Quebec": "CA-QC", "Ontario": "CA-ON",
             "Manitoba": "CA-MB", "Saskatchewan": "CA-SK", "Alberta": "CA-AB", "British Columbia": "CA-BC",
             "Yukon": "CA-YT", "the Northwest Territories": "CA-NT", "the Nunavut": "CA-NU"}
    names = {"CA-NT": "Northwest Territories", "CA-NU": "Nunavut"}
    labels = [("Combustion", "combustion"), ("Coal", "coal"), ("Natural Gas", "gas"), ("Other Fuels", "other_fuels"),
              ("Refined Petroleum", None), ("Biomass", None), ("Other Emissions", "other_emissions"),
              ("Other Generation", "other_generation"), ("Other Renewables", "other_renewables"), ("Other", None),
              ("Nuclear", "nuclear"), ("Hydro", "hydro"), ("Overall Total", "total"),
              ("Generation Intensity (g CO2 eq", "generation_intensity")]

    def key(label: str):
        for prefix, k in labels:
            if label.startswith(prefix):
                return k
        return None

    wb = openpyxl.load_workbook(ref / "grid-mix/raw/eccc-nir2024-annex13-electricity-tables.xlsx",
                                read_only=True, data_only=True)
    out = {}
    for sheet in wb.sheetnames:
        if not sheet.startswith("Table A13-"):
            continue
        rows = list(wb[sheet].iter_rows(values_only=True))
        title = rows[0][1].replace("Electricity Generation and GHG Emission Details for ", "")
        col = [i for i, h in enumerate(rows[2]) if str(h or "").startswith("2022")]
        assert len(col) == 1, (sheet, rows[2])
        d: dict[tuple[str, str], float] = {}
        section = None
        for r in rows[3:40]:
            if isinstance(r[2], str):
                if "Greenhouse Gas Emissions" in r[2]:
                    section = "E"
                elif "Electricity Generation" in r[2]:
                    section = "G"
                elif "Intensity" in r[2]:
                    section = "I"
            if not r[1] or not isinstance(r[1], str):
                continue
            k = key(r[1].strip())
            v = r[col[0]]
            if k and isinstance(v, (int, float)):
                d[(section, k)] = float(v)
        zid = codes[title]
        out[zid] = (names.get(zid, title), d)
    assert len(out) == 14, sorted(out)
    return out


def canada_mixes(nir):
    mixes = {}
    for zid, (name, d) in nir.items():
        if zid == "CA":
            continue
        g = lambda k: d.get(("G", k), 0.0)  # noqa: E731
        m = [("coal", "coal", g("coal")), ("gas", "natural gas", g("gas")), ("nuclear", "nuclear", g("nuclear")),
             ("hydro", "hydro", g("hydro")), ("wind_solar", "other renewables (wind, tidal, solar)", g("other_renewables")),
             ("other_renewables", "other generation (waste-heat steam)", g("other_generation"))]
        of = g("other_fuels")
        if of:
            rate = d.get(("E", "other_fuels"), 0.0) / of * 1000
            fuel = "bioenergy" if rate < NIR_BIOMASS_RATE else "other_fossil"
            m.append((fuel, f"other fuels (direct rate {rate:.0f} g/kWh)", of))
        mixes[zid] = (name, [x for x in m if x[2] > 0])
    return mixes


def australia_mixes(ref: Path, period: str):
    fuel_map = {"coal": "coal", "gas": "gas", "oil": "other_fossil", "bioenergy: bagasse, wood": "bioenergy",
                "bioenergy: biogas": "bioenergy", "wind": "wind", "hydro": "hydro",
                "solar (small- and large-scale)": "solar", "geothermal": "other_renewables"}
    mixes: dict[str, list] = defaultdict(list)
    names = {}
    with open(ref / "grid-mix/australia-states-aes-table-o-generation-by-fuel.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["year"] != period or r["zone"] == "AU" or r["fuel"] == "total":
                continue
            v = float(r["generation_gwh_or_share"])
            if v > 0:
                mixes[r["zone"]].append((fuel_map[r["fuel"]], r["fuel"], v))
                names[r["zone"]] = r["zone_name"]
    return {z: (names[z], m) for z, m in mixes.items()}


# ------------------------------------------------------------------------------------------
# the computation
# ------------------------------------------------------------------------------------------
def lifecycle_of(rows: list[dict]) -> tuple[float, float]:
    """(lifecycle g/kWh, weight GWh) from written mix rows, using the rounded numbers as written."""
    num_ = den = 0.0
    for r in rows:
        w = float(r["generation_gwh"]) * float(r["scale"])
        num_ += w * float(r["factor_g_per_kwh"])
        den += w
    return num_ / den, den


def apportion(c2, mixes, national, factors, mix_out, decisions, zone_factor=None):
    """Scale each fuel to the national total, apply factors; returns {zone: (lifecycle, weight)}."""
    sums: dict[str, float] = defaultdict(float)
    for _, m in mixes.values():
        for fuel, _, v in m:
            sums[fuel] += v
    scale = {}
    for fuel, s in sorted(sums.items()):
        ratio = national.get(fuel, 0.0) / s if s else 0.0
        if SCALE_MIN <= ratio <= SCALE_MAX:
            scale[fuel] = round(ratio, 6)
        else:
            scale[fuel] = 1.0
            decisions.append(f"{c2}: {fuel} not scaled (sub-national {s:.0f} GWh vs country {national.get(fuel, 0):.0f} GWh, "
                             f"outside x{SCALE_MIN}-x{SCALE_MAX}); kept as published, the difference is unallocated")
    result = {}
    for zid, (_, m) in sorted(mixes.items()):
        rows = []
        for fuel, sfuel, v in m:
            fv, fset = factors[fuel]
            if zone_factor:
                fv, fset = zone_factor(zid, fuel, fv, fset)
            rows.append(dict(zone_id=zid, fuel=fuel, source_fuel=sfuel, generation_gwh=num(v, 3),
                             scale=num(scale[fuel], 6), factor_g_per_kwh=num(fv, 1), factor_set=fset))
        mix_out.extend(rows)
        result[zid] = lifecycle_of(rows)
    return result, scale, sums


def country_mix_rows(c2, national_gwh, factors, mix_out):
    rows = []
    for fuel, v in sorted(national_gwh.items()):
        fv, fset = factors[fuel]
        rows.append(dict(zone_id=c2, fuel=fuel, source_fuel=fuel, generation_gwh=num(v, 3), scale="1",
                         factor_g_per_kwh=num(fv, 1), factor_set=fset))
    mix_out.extend(rows)
    return lifecycle_of(rows)


def build(ref: Path, country_rows: list[dict], decisions: list[str]):
    """country_rows: dicts with zone_id, name, country_iso2, kind, continent, intensity, year (from OWID).
    Returns (zones, sources, mix, factors)."""
    factors_out: list[dict] = []
    mix_out: list[dict] = []
    fsets = load_factor_sets(ref, factors_out)
    zones: dict[str, dict] = {}
    for r in country_rows:
        zones[r["zone_id"]] = dict(zone_id=r["zone_id"], name=r["name"], country_iso2=r["country_iso2"], kind=r["kind"],
                                   continent=r["continent"], parent_zone="", lifecycle_g_per_kwh=num(r["intensity"], 2),
                                   lifecycle_year=r["year"], lifecycle_source_id="ember-owid",
                                   lifecycle_method=M_PUBLISHED, mix_year="", generation_gwh="", direct_g_per_kwh="",
                                   direct_year="", direct_source_id="", correction="")

    # --- national totals (GWh) per fuel, Ember 2024
    us_states, us_total = read_ember_states(ref / "grid-mix/us-states-ember-generation-by-fuel.csv", "2024", "US")
    in_states, _ = read_ember_states(ref / "grid-mix/india-states-ember-generation-by-fuel.csv", "2024", "IN")
    national = {"US": us_total}
    for c2 in ("CA", "AU", "IN"):
        national[c2] = {f: g * 1000 for f, (g, _) in EMBER_COUNTRY_2024[ISO3[c2]].items()}
    national["CA"]["wind_solar"] = national["CA"].pop("wind") + national["CA"].pop("solar")

    # --- country rows of US, CA, AU, IN on the factors' data revision
    owid_values = {}
    for c2 in ("US", "CA", "AU", "IN"):
        lc, w = country_mix_rows(c2, national[c2], fsets[c2], mix_out)
        z = zones[c2]
        owid_values[c2] = float(z["lifecycle_g_per_kwh"])
        z.update(lifecycle_g_per_kwh=num(lc, 2), lifecycle_year=2024, lifecycle_source_id="ember-country-2024",
                 lifecycle_method=M_COUNTRY, mix_year="2024", generation_gwh=num(w, 1))
        decisions.append(f"{c2} country lifecycle {owid_values[c2]} (OWID, Ember May 2025) -> {lc:.2f} "
                         f"(Ember revision {EMBER_API_COMMIT[:8]}, same as the factors)")

    # --- sub-national zones
    nir = read_nir(ref)
    ca = canada_mixes(nir)
    au = australia_mixes(ref, "FY2022-23")
    small = {z: sum(v for _, _, v in m) for z, (_, m) in in_states.items()}
    for z, g in sorted(small.items()):
        if g < IN_MIN_GWH:
            decisions.append(f"{z} ({in_states[z][0]}) not tabulated: in-state generation {g:.0f} GWh < {IN_MIN_GWH:.0f}")
    in_states = {z: v for z, v in in_states.items() if small[z] >= IN_MIN_GWH}

    # Australian coal: VIC brown coal at the lignite factor, the rest at the residual black-coal factor
    au_coal = {z: sum(v for f, _, v in m if f == "coal") for z, (_, m) in au.items()}
    coal_total = sum(au_coal.values())
    brown = sum(v for z, v in au_coal.items() if z in BROWN_COAL_ZONES)
    f_aus = fsets["AU"]["coal"][0]
    black = round((f_aus * coal_total - LIGNITE_G_PER_KWH * brown) / (coal_total - brown), 1)
    factors_out.append(dict(factor_set="ember-lignite-eu", country_iso2="AU", fuel="coal", g_co2e_per_kwh=num(LIGNITE_G_PER_KWH, 1),
                            generation_twh="", emissions_mt="", year=2024, source_url=EMBER_METHOD_URL, status="secondary",
                            note="brown coal (lignite), used for AU-VIC: midpoint of Ember's lignite range for EU plants "
                                 "2000-2023 (1033-1080 g/kWh, from Gibon et al. 2022 / UNECE), as quoted in Ember's "
                                 "European Electricity Review 2024 methodology; the methodology PDF itself was not opened"))
    factors_out.append(dict(factor_set="ember-2024-aus-black-coal", country_iso2="AU", fuel="coal", g_co2e_per_kwh=num(black, 1),
                            generation_twh=num(round(coal_total / 1000, 3)), emissions_mt="", year=2024, source_url=EMBER_API_URL,
                            status="secondary",
                            note=f"black coal, used for every AU state but VIC: derived here so that AES FY2022-23 coal "
                                 f"generation x (VIC {LIGNITE_G_PER_KWH} / others this factor) keeps Ember's national AUS "
                                 f"coal factor {f_aus} g/kWh (VIC {brown:.0f} of {coal_total:.0f} GWh coal)"))

    def au_factor(zid, fuel, fv, fset):
        if fuel != "coal":
            return fv, fset
        if zid in BROWN_COAL_ZONES:
            return LIGNITE_G_PER_KWH, "ember-lignite-eu"
        return black, "ember-2024-aus-black-coal"

    blocks = [
        ("US", us_states, "ember-us-states-2024", "2024", None),
        ("CA", ca, "eccc-nir-2024-mix", "2022", None),
        ("AU", au, "dcceew-aes-2024-mix", "FY2022-23", au_factor),
        ("IN", in_states, "ember-india-states-2024", "2024", None),
    ]
    consistency = {}
    for c2, mixes, sid, mix_year, zf in blocks:
        res, scale, sums = apportion(c2, mixes, national[c2], fsets[c2], mix_out, decisions, zf)
        parent = zones[c2]
        for zid, (lc, w) in res.items():
            zones[zid] = dict(zone_id=zid, name=mixes[zid][0], country_iso2=c2, kind="subnational",
                              continent=parent["continent"], parent_zone=c2, lifecycle_g_per_kwh=num(lc, 2),
                              lifecycle_year=2024, lifecycle_source_id=sid, lifecycle_method=M_ZONE, mix_year=mix_year,
                              generation_gwh=num(w, 1), direct_g_per_kwh="", direct_year="", direct_source_id="",
                              correction="")
        decisions.append(f"{c2}: per-fuel scale to Ember 2024 totals: "
                         + ", ".join(f"{f} {s:.3f}" for f, s in sorted(scale.items())))
        consistency[c2] = res

    # names
    zones["AU-NSW"]["name"] = "New South Wales and ACT"
    zones["AU-WA"]["name"] = "Western Australia (all systems)"
    zones["AU-NT"]["name"] = "Northern Territory (all systems)"

    # --- direct figures
    egrid = {}
    with open(ref / "us-egrid/raw/egrid2022_subregion_co2_total_output_rate_lb_per_mwh.csv", encoding="utf-8") as f:
        rd = csv.reader(f)
        next(rd)
        for rec in rd:
            if rec and rec[0].strip():
                egrid[rec[0].strip()] = (float(rec[1]), int(rec[2]))
    for zid, sub in (("US", "US"), ("US-PR", "PRMS")):
        lb, yr = egrid[sub]
        zones[zid].update(direct_g_per_kwh=num(lb * LB_TO_KG, 2), direct_year=yr, direct_source_id="epa-egrid2022")
    for zid, (_, d) in nir.items():
        zones[zid].update(direct_g_per_kwh=num(d[("I", "generation_intensity")]), direct_year=2022,
                          direct_source_id="eccc-nir-2024")
    nga_zone = {"AU-NSW": "AU-NSW", "AU-VIC": "AU-VIC", "AU-QLD": "AU-QLD", "AU-SA": "AU-SA", "AU-WA-SWIS": "AU-WA",
                "AU-TAS": "AU-TAS", "AU-NT-DKIS": "AU-NT"}
    with open(ref / "grid-mix/combustion-and-scope2-rates.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["zone"] in nga_zone and r["metric"] == "scope 2 (location-based)":
                zones[nga_zone[r["zone"]]].update(direct_g_per_kwh=num(float(r["value"])), direct_year=2025,
                                                  direct_source_id="dcceew-nga-2025")

    # --- lifecycle below direct: floor where the direct figure has the same (production) boundary,
    #     a label where it does not (NGA scope 2 is consumption-based)
    for zid, z in zones.items():
        note = []
        if zid in BROWN_COAL_ZONES:
            note.append(f"brown-coal split: coal at {LIGNITE_G_PER_KWH} g/kWh (Ember lignite), other AU states at "
                        f"{black} (black-coal residual keeping Ember's AUS coal factor {f_aus})")
        if z["direct_g_per_kwh"] and float(z["lifecycle_g_per_kwh"]) < float(z["direct_g_per_kwh"]):
            lc, d = float(z["lifecycle_g_per_kwh"]), float(z["direct_g_per_kwh"])
            if z["direct_source_id"] == "dcceew-nga-2025":
                note.append(f"not comparable: the direct figure {d:g} is NGA scope 2, consumption-based (imports, network "
                            f"losses), so no floor is applied to the production-based lifecycle value {lc:g}")
            else:
                note.append(f"floor: the mix-based value {lc:g} was below the direct (combustion) figure {d:g}; lifecycle "
                            f"set to the direct figure, a lower bound (upstream emissions not added)")
                z["lifecycle_g_per_kwh"] = z["direct_g_per_kwh"]
                z["lifecycle_method"] = M_FLOOR
                consistency[z["country_iso2"]][zid] = (d, consistency[z["country_iso2"]][zid][1])
            decisions.append(f"{zid}: {note[-1]}")
        z["correction"] = "; ".join(note)

    for c2, res in consistency.items():
        w = sum(v[1] for v in res.values())
        mean = sum(v[0] * v[1] for v in res.values()) / w
        cv = float(zones[c2]["lifecycle_g_per_kwh"])
        decisions.append(f"consistency {c2}: {len(res)} zones, {w:.0f} GWh, weighted mean {mean:.2f} vs country {cv:.2f} "
                         f"({(mean / cv - 1) * 100:+.2f} %)")

    # WORLD first, then countries A-Z, then sub-national zones A-Z (so grouped by country)
    zl = sorted(zones.values(), key=lambda z: ({"world": 0, "country": 1, "subnational": 2}[z["kind"]], z["zone_id"]))
    mix_out.sort(key=lambda r: (r["zone_id"], r["fuel"], r["source_fuel"]))
    factors_out.sort(key=lambda r: (r["factor_set"], r["fuel"]))
    return zl, SOURCES, mix_out, factors_out


def zone_for_region(country: str, subdivision: str, zone_ids: set[str]) -> str:
    """Finest zone on the one basis: US state, Canadian province, Australian state, Indian state, else country."""
    sub = {"AU-ACT": "AU-NSW"}.get(subdivision, subdivision)  # AES and NGA count the ACT with NSW
    if country in ("US", "CA", "AU", "IN") and sub.startswith(country + "-") and sub in zone_ids:
        return sub
    return country
