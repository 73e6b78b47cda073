"""Right and wrong answers to m03's questions, which `academy validate` judges (right ones clean the three
publications by other pandas routes; wrong ones keep a defect, guess a value or lose rows)."""

#: The published defect log (question 8's solution), which one right answer extends.
_LOG = """\
bolton_ward_codes = wards.loc[wards['council_code'] == 'E08000001', 'ward_code']
salford_names = wards.loc[wards['council_code'] == 'E08000006', 'ward_name']
wigan_codes = wards.loc[wards['council_code'] == 'E08000010', 'ward_code']
salford_dates = in_year(pd.to_datetime(salford['date'], format='%d-%b-%y', errors='coerce'))
incidents = wigan['WD22CD'] != 'Grand total'
rows = [
    ['Bolton', 'bad_date', bolton.loc[answer_q1.isna(), 'Incident Ref'].iloc[0], 'left empty'],
    ['Bolton', 'wrong_code', bolton.loc[~bolton['Ward Code'].isin(bolton_ward_codes), 'Incident Ref'].iloc[0],
     "tidied, or left empty if another council's"],
    ['Bolton', 'duplicate', bolton.loc[bolton.duplicated(), 'Incident Ref'].iloc[0], 'second copy removed'],
    ['Bolton', 'encoding', bolton.loc[bolton['Land Type'].str.contains('â€'), 'Incident Ref'].iloc[0],
     'garbled dash repaired'],
    ['Bolton', 'missing_marker', bolton.loc[bolton['Clearance Cost (£)'].isna(), 'Incident Ref'].iloc[0],
     'N/A left empty'],
    ['Salford', 'bad_date', salford.loc[salford_dates.isna() & (salford['ref'] != 'Total'), 'ref'].iloc[0],
     'left empty'],
    ['Salford', 'wrong_code', salford.loc[~salford['ward_name'].isin(salford_names) & (salford['ref'] != 'Total'),
                                          'ref'].iloc[0], "tidied, or left empty if another council's"],
    ['Salford', 'duplicate', salford.loc[salford.duplicated(), 'ref'].iloc[0], 'second copy removed'],
    ['Salford', 'totals_row', 'Total', 'removed'],
    ['Salford', 'encoding', 'whole file', "read with encoding='cp1252'"],
    ['Salford', 'missing_marker', salford.loc[salford['cost_gbp'] == '-', 'ref'].iloc[0], "'-' left empty"],
    ['Wigan', 'wrong_code', str(int(wigan.loc[~wigan['WD22CD'].isin(wigan_codes) & incidents, 'Incident No'].iloc[0])),
     'code taken from the ward name'],
    ['Wigan', 'duplicate', str(int(wigan.loc[wigan.duplicated(), 'Incident No'].iloc[0])), 'second copy removed'],
    ['Wigan', 'totals_row', 'Grand total', 'removed'],
    ['Wigan', 'missing_marker', str(int(wigan.loc[(wigan['Cost'].isna() | (wigan['Cost'] == 0)) & incidents,
                                                  'Incident No'].iloc[0])), '0 or blank left empty'],
]
answer_q8 = pd.DataFrame(rows, columns=['council', 'kind', 'incident_ref', 'fix'])"""

#: exercise -> answer-cell code a learner might write that must PASS (another method, column order,
#: dtype, index, rounding the question allows...). At least 2 per exercise, genuinely different
#: from the published solution and from each other.
RIGHT = {
    "q1": [
        # dayfirst=True instead of a format, and the year kept with a mask of two comparisons
        "dates = pd.to_datetime(bolton['Date Reported'], dayfirst=True, errors='coerce')\n"
        "answer_q1 = dates.mask((dates < '2024-04-01') | (dates > '2025-03-31'))",
        # the text split into day, month and year, put together by pd.to_datetime from a table
        "parts = bolton['Date Reported'].str.split('/', expand=True).astype(int)\n"
        "dates = pd.to_datetime(pd.DataFrame({'year': parts[2], 'month': parts[1], 'day': parts[0]}),\n"
        "                       errors='coerce')\n"
        "dates[~dates.between(pd.Timestamp(2024, 4, 1), pd.Timestamp(2025, 3, 31))] = pd.NaT\n"
        "answer_q1 = dates",
        # one date per incident reference (the index), out-of-year dates emptied with .loc
        "dates = pd.to_datetime(bolton['Date Reported'].to_numpy(), format='%d/%m/%Y', errors='coerce')\n"
        "answer_q1 = pd.Series(dates, index=bolton['Incident Ref'])\n"
        "answer_q1.loc[(answer_q1.dt.year * 100 + answer_q1.dt.month).lt(202404)\n"
        "              | (answer_q1.dt.year * 100 + answer_q1.dt.month).gt(202503)] = pd.NaT",
    ],
    "q2": [
        # a left merge on the tidied name keeps salford's rows in order
        "salford = pd.read_csv(salford_path, encoding='windows-1252')\n"
        "salford_wards = wards.loc[wards['council_code'] == 'E08000006', ['ward_name', 'ward_code']]\n"
        "names = salford['ward_name'].str.strip().str.title().rename('ward_name').to_frame()\n"
        "answer_q2 = names.merge(salford_wards, on='ward_name', how='left')['ward_code']",
        # map with a Series indexed by name, matched in lower case on both sides
        "salford = pd.read_csv(salford_path, encoding='cp1252', dtype=str, keep_default_na=False)\n"
        "own = wards.query(\"council_code == 'E08000006'\")\n"
        "lookup = own.set_index(own['ward_name'].str.lower())['ward_code']\n"
        "answer_q2 = salford['ward_name'].str.strip().str.lower().map(lookup)",
        # a loop over the rows, None where the name is not one of Salford's wards
        "salford = pd.read_csv(salford_path, encoding='cp1252')\n"
        "salford_wards = wards[wards['council_code'] == 'E08000006']\n"
        "lookup = dict(zip(salford_wards['ward_name'].str.upper(), salford_wards['ward_code']))\n"
        "codes = []\n"
        "for name in salford['ward_name']:\n"
        "    codes.append(lookup.get(name.strip().upper()) if isinstance(name, str) else None)\n"
        "answer_q2 = pd.Series(codes, index=salford.index)",
        # the same loop, its list of codes given as it is (one per row, in order)
        "salford = pd.read_csv(salford_path, encoding='cp1252')\n"
        "own = wards[wards['council_code'] == 'E08000006']\n"
        "answer_q2 = []\n"
        "for name in salford['ward_name'].fillna(''):\n"
        "    match = own.loc[own['ward_name'].str.lower() == name.strip().lower(), 'ward_code']\n"
        "    answer_q2.append(match.iloc[0] if len(match) else None)",
    ],
    "q3": [
        # duplicates first, then the totals row with query, and a fresh index
        "answer_q3 = salford.drop_duplicates().query(\"ref != 'Total'\").reset_index(drop=True)",
        # keep the last copy of each repeat, and keep only rows whose reference looks like one
        "answer_q3 = salford[salford['ref'].str.startswith('SAL/')].drop_duplicates(keep='last')",
        # the totals row dropped by its index label, the repeats with duplicated()
        "no_total = salford.drop(salford.index[salford['ref'] == 'Total'])\n"
        "answer_q3 = no_total[~no_total.duplicated()]",
    ],
    "q4": [
        # dates read with format='mixed' (pandas works out '02-Apr-24' itself), the year then checked
        "s = answer_q3\n"
        "when = pd.to_datetime(s['date'], format='mixed', dayfirst=True, errors='coerce')\n"
        "answer_q4 = pd.DataFrame({\n"
        "    'incident_ref': s['ref'], 'council_code': 'E08000006',\n"
        "    'ward_code': names_to_codes(s['ward_name'], 'E08000006'),\n"
        "    'date_reported': when.where((when >= '2024-04-01') & (when <= '2025-03-31')),\n"
        "    'waste_type': s['waste'].str.capitalize(), 'size': s['size_category'], 'land_type': s['land'],\n"
        "    'clearance_cost_gbp': s['cost_gbp'].str.replace('£', '').str.replace(',', '')\n"
        "                          .replace('-', np.nan).astype(float)})",
        # costs with one regex, ward codes from question 2's answer (same row labels), other column order
        "s = answer_q3\n"
        "salford_dates = pd.to_datetime(s['date'], format='%d-%b-%y', errors='coerce')\n"
        "answer_q4 = pd.DataFrame({\n"
        "    'council_code': 'E08000006', 'incident_ref': s['ref'],\n"
        "    'date_reported': salford_dates.where(salford_dates.between('2024-04-01', '2025-03-31')),\n"
        "    'ward_code': answer_q2.loc[s.index],\n"
        "    'waste_type': s['waste'].str[:1].str.upper() + s['waste'].str[1:],\n"
        "    'size': s['size_category'], 'land_type': s['land'],\n"
        "    'clearance_cost_gbp': pd.to_numeric(s['cost_gbp'].str.replace(r'[£,]', '', regex=True)\n"
        "                                        .replace('-', None)),\n"
        "})",
        # rename to the clean names, then repair the columns one by one
        "t = answer_q3.rename(columns={'ref': 'incident_ref', 'date': 'date_reported', 'waste': 'waste_type',\n"
        "                              'size_category': 'size', 'land': 'land_type',\n"
        "                              'cost_gbp': 'clearance_cost_gbp'}).copy()\n"
        "t['council_code'] = 'E08000006'\n"
        "t['ward_code'] = names_to_codes(t.pop('ward_name'), 'E08000006')\n"
        "t['date_reported'] = in_year(pd.to_datetime(t['date_reported'], format='%d-%b-%y', errors='coerce'))\n"
        "t['waste_type'] = t['waste_type'].str.capitalize()\n"
        "t['clearance_cost_gbp'] = pd.to_numeric(\n"
        "    t['clearance_cost_gbp'].str.lstrip('£').str.replace(',', ''), errors='coerce')\n"
        "answer_q4 = t",
        # read the file again with every cell as text, dates parsed by dateutil, a fresh index
        "raw = pd.read_csv(salford_path, encoding='cp1252', dtype=str, keep_default_na=False)\n"
        "s = raw[raw['ref'] != 'Total'].drop_duplicates().reset_index(drop=True)\n"
        "cost = s['cost_gbp'].replace('-', '').str.replace('£', '').str.replace(',', '')\n"
        "answer_q4 = pd.DataFrame({\n"
        "    'incident_ref': s['ref'], 'council_code': 'E08000006',\n"
        "    'ward_code': names_to_codes(s['ward_name'], 'E08000006'),\n"
        "    'date_reported': in_year(pd.to_datetime(s['date'], format='%d-%b-%y', errors='coerce')),\n"
        "    'waste_type': s['waste'].str.capitalize(), 'size': s['size_category'], 'land_type': s['land'],\n"
        "    'clearance_cost_gbp': pd.to_numeric(cost.where(cost != ''), errors='coerce')})",
    ],
    "q6": [
        # the two title rows skipped by number, costs of 0 made None, dates counted as days from a Timestamp
        "sheet = pd.read_excel(wigan_path, skiprows=[0, 1])\n"
        "w = sheet.dropna(subset=['Incident No']).drop_duplicates()\n"
        "answer_q6 = pd.DataFrame({\n"
        "    'incident_ref': w['Incident No'].astype('int64').astype('string'), 'council_code': 'E08000010',\n"
        "    'ward_code': names_to_codes(w['WD22NM'], 'E08000010'),\n"
        "    'date_reported': pd.Timestamp(1899, 12, 30) + pd.to_timedelta(w['Date'].astype(int), unit='D'),\n"
        "    'waste_type': w['Waste Type'], 'size': w['Size'], 'land_type': w['Land Type'],\n"
        "    'clearance_cost_gbp': w['Cost'].replace(0, None)})",
        # header=2 names the heading row; codes from a merge; references as whole numbers (Int64), not text
        "sheet = pd.read_excel(wigan_path, header=2)\n"
        "w = sheet[sheet['Incident No'].notna()].drop_duplicates()\n"
        "w = w.merge(wards[wards['council_code'] == 'E08000010'], left_on='WD22NM', right_on='ward_name',\n"
        "            how='left')\n"
        "answer_q6 = pd.DataFrame({\n"
        "    'incident_ref': w['Incident No'].astype('Int64'), 'council_code': 'E08000010',\n"
        "    'ward_code': w['ward_code'],\n"
        "    'date_reported': pd.Timestamp('1899-12-30') + pd.to_timedelta(w['Date'], unit='D'),\n"
        "    'waste_type': w['Waste Type'], 'size': w['Size'], 'land_type': w['Land Type'],\n"
        "    'clearance_cost_gbp': w['Cost'].mask(w['Cost'] == 0),\n"
        "})",
        # everything read as text, the totals row dropped by position, costs of '0' emptied as text
        "sheet = pd.read_excel(wigan_path, skiprows=2, dtype=str)\n"
        "w = sheet.iloc[:-1].drop_duplicates()\n"
        "cost = pd.to_numeric(w['Cost'])\n"
        "answer_q6 = pd.DataFrame({\n"
        "    'incident_ref': w['Incident No'], 'council_code': 'E08000010',\n"
        "    'ward_code': names_to_codes(w['WD22NM'], 'E08000010'),\n"
        "    'date_reported': in_year(pd.to_datetime(w['Date'].astype(float), unit='D', origin='1899-12-30')),\n"
        "    'waste_type': w['Waste Type'], 'size': w['Size'], 'land_type': w['Land Type'],\n"
        "    'clearance_cost_gbp': cost.where(cost > 0)})",
        # the published code kept where it is one of Wigan's, else taken from the name: the same codes
        "sheet = pd.read_excel(wigan_path, skiprows=2)\n"
        "w = sheet[sheet['WD22CD'] != 'Grand total'].drop_duplicates()\n"
        "own = wards[wards['council_code'] == 'E08000010']\n"
        "from_name = w['WD22NM'].map(dict(zip(own['ward_name'], own['ward_code'])))\n"
        "answer_q6 = pd.DataFrame({\n"
        "    'incident_ref': w['Incident No'].astype(int).astype(str), 'council_code': 'E08000010',\n"
        "    'ward_code': w['WD22CD'].where(w['WD22CD'].isin(own['ward_code']), from_name),\n"
        "    'date_reported': pd.to_datetime(w['Date'], unit='D', origin='1899-12-30'),\n"
        "    'waste_type': w['Waste Type'], 'size': w['Size'], 'land_type': w['Land Type'],\n"
        "    'clearance_cost_gbp': w['Cost'].replace(0, np.nan)})",
    ],
    "q7": [
        # another order, row labels kept as they were
        "answer_q7 = pd.concat([answer_q6, answer_q4, tidy_bolton(bolton)])",
        # stacked, then sorted by council and reference
        "answer_q7 = (pd.concat([tidy_bolton(bolton), answer_q4, answer_q6])\n"
        "             .sort_values(['council_code', 'incident_ref']).reset_index(drop=True))",
    ],
    "q8": [
        # a list of dictionaries, council codes instead of names, kinds written with spaces, other examples
        "b_codes = wards.loc[wards['council_code'] == 'E08000001', 'ward_code']\n"
        "s_names = wards.loc[wards['council_code'] == 'E08000006', 'ward_name']\n"
        "w_codes = wards.loc[wards['council_code'] == 'E08000010', 'ward_code']\n"
        "s_dates = in_year(pd.to_datetime(salford['date'], format='%d-%b-%y', errors='coerce'))\n"
        "real = wigan['WD22CD'] != 'Grand total'\n"
        "def one(refs):\n"
        "    return refs.iloc[-1]\n"
        "\n"
        "b, s, w = bolton, salford, wigan\n"
        "examples = {\n"
        "    ('E08000001', 'bad date'): one(b.loc[answer_q1.isna(), 'Incident Ref']),\n"
        "    ('E08000001', 'wrong code'): one(b.loc[~b['Ward Code'].isin(b_codes), 'Incident Ref']),\n"
        "    ('E08000001', 'duplicate'): one(b.loc[b.duplicated(keep='last'), 'Incident Ref']),\n"
        "    ('E08000001', 'encoding'): one(b.loc[b['Land Type'].str.startswith('Council land â'), 'Incident Ref']),\n"
        "    ('E08000001', 'missing marker'): one(b.loc[b['Clearance Cost (£)'].isna(), 'Incident Ref']),\n"
        "    ('E08000006', 'bad date'): one(s.loc[s_dates.isna() & (s['ref'] != 'Total'), 'ref']),\n"
        "    ('E08000006', 'wrong code'): one(s.loc[~s['ward_name'].isin(s_names) & s['ward_name'].notna(), 'ref']),\n"
        "    ('E08000006', 'duplicate'): one(s.loc[s.duplicated(), 'ref']),\n"
        "    ('E08000006', 'totals row'): 'last row',\n"
        "    ('E08000006', 'encoding'): None,\n"
        "    ('E08000006', 'missing marker'): one(s.loc[s['cost_gbp'] == '-', 'ref']),\n"
        "    ('E08000010', 'wrong code'): one(w.loc[~w['WD22CD'].isin(w_codes) & real, 'Incident No']),\n"
        "    ('E08000010', 'duplicate'): one(w.loc[w.duplicated(), 'Incident No']),\n"
        "    ('E08000010', 'totals row'): 'Grand total',\n"
        "    ('E08000010', 'missing marker'): one(w.loc[(w['Cost'].fillna(0) == 0) & real, 'Incident No']),\n"
        "}\n"
        "answer_q8 = [{'council': council, 'kind': kind, 'incident_ref': ref, 'fix': 'cleaned as in questions 1-7'}\n"
        "             for (council, kind), ref in examples.items()]",
        # the published solution's log with a second example for two kinds (more rows are fine)
        _LOG + "\n"
        "extra = pd.DataFrame([\n"
        "    ['Bolton', 'bad_date', bolton.loc[answer_q1.isna(), 'Incident Ref'].iloc[-1], 'left empty'],\n"
        "    ['Wigan', 'duplicate', str(int(wigan.loc[wigan.duplicated(), 'Incident No'].iloc[-1])), 'dropped'],\n"
        "], columns=['council', 'kind', 'incident_ref', 'fix'])\n"
        "answer_q8 = pd.concat([answer_q8, extra], ignore_index=True)",
    ],
    "q5": [
        # no council refuses onward publication; sets rather than lists
        "allowed = licences['onward_publication_allowed']\n"
        "answer_q5 = {\n"
        "    'may_publish_combined': not (~allowed).any(),\n"
        "    'publishable': set(licences.loc[allowed, 'council_code']),\n"
        "    'attribution': set(licences.loc[allowed & licences['attribution_required'], 'attribution']),\n"
        "}",
        # a loop over the licences, building the lists row by row (keys in another order)
        "publishable, attribution = [], []\n"
        "for _, row in licences.iterrows():\n"
        "    if row['onward_publication_allowed']:\n"
        "        publishable.append(row['council_code'])\n"
        "        if row['attribution_required']:\n"
        "            attribution.append(row['attribution'])\n"
        "answer_q5 = {'attribution': attribution, 'publishable': publishable,\n"
        "             'may_publish_combined': len(publishable) == len(licences)}",
        # query() for the open sources; np.bool_ from .all() left as it is
        "open_ = licences.query('onward_publication_allowed')\n"
        "answer_q5 = dict(may_publish_combined=licences['onward_publication_allowed'].all(),\n"
        "                 publishable=open_['council_code'].tolist(),\n"
        "                 attribution=open_.query('attribution_required')['attribution'].tolist())",
    ],
}

#: exercise -> answer-cell code with the mistakes learners really make, which must FAIL. At least 2
#: per exercise. The FIRST entry of an exercise is what generated test submissions use.
WRONG = {
    "q1": [
        # read as month/day/year (the American way): most dates come out empty or in the wrong month
        "dates = pd.to_datetime(bolton['Date Reported'], format='%m/%d/%Y', errors='coerce')\n"
        "answer_q1 = dates.where(dates.between('2024-04-01', '2025-03-31'))",
        # the calendar year 2024 instead of the financial year April 2024 - March 2025
        "dates = pd.to_datetime(bolton['Date Reported'], format='%d/%m/%Y', errors='coerce')\n"
        "answer_q1 = dates.where(dates.dt.year == 2024)",
        # dropped the bad dates instead of leaving them empty: fewer rows than Bolton's table
        "dates = pd.to_datetime(bolton['Date Reported'], format='%d/%m/%Y', errors='coerce')\n"
        "answer_q1 = dates[dates.between('2024-04-01', '2025-03-31')]",
        # tidied the text but never turned it into dates
        "answer_q1 = bolton['Date Reported'].str.strip()",
        # impossible dates emptied, but the mistyped year (2204) kept: a real date outside 2024-25
        "answer_q1 = pd.to_datetime(bolton['Date Reported'], format='%d/%m/%Y', errors='coerce')",
    ],
    "q2": [
        # matched against every ward of the ten councils: another council's ward gets a code
        "salford = pd.read_csv(salford_path, encoding='cp1252')\n"
        "lookup = dict(zip(wards['ward_name'], wards['ward_code']))\n"
        "answer_q2 = salford['ward_name'].str.strip().str.title().map(lookup)",
        # names not tidied: '  HOLMWELL' matches nothing
        "salford = pd.read_csv(salford_path, encoding='cp1252')\n"
        "salford_wards = wards[wards['council_code'] == 'E08000006']\n"
        "answer_q2 = salford['ward_name'].map(dict(zip(salford_wards['ward_name'], salford_wards['ward_code'])))",
        # .replace instead of .map: names with no Salford ward stay as names, not empty
        "salford = pd.read_csv(salford_path, encoding='cp1252')\n"
        "salford_wards = wards[wards['council_code'] == 'E08000006']\n"
        "lookup = dict(zip(salford_wards['ward_name'], salford_wards['ward_code']))\n"
        "answer_q2 = salford['ward_name'].str.strip().str.title().replace(lookup)",
    ],
    "q3": [
        # removed the totals row but not the incidents submitted twice
        "answer_q3 = salford[salford['ref'] != 'Total']",
        # keep=False throws away both copies of a repeated incident
        "answer_q3 = salford[salford['ref'] != 'Total'].drop_duplicates(keep=False)",
        # dropna() drops the totals row, and every incident with an empty cell too, and keeps the repeats
        "answer_q3 = salford.dropna()",
        # the file opened as latin-1: it opens, but Salford's dash becomes an invisible control character
        "s = pd.read_csv(salford_path, encoding='latin-1')\n"
        "answer_q3 = s[s['ref'] != 'Total'].drop_duplicates()",
    ],
    "q4": [
        # costs left as text ('£1,234.50'), so nothing can be added up
        "s = answer_q3\n"
        "answer_q4 = pd.DataFrame({\n"
        "    'incident_ref': s['ref'], 'council_code': 'E08000006',\n"
        "    'ward_code': names_to_codes(s['ward_name'], 'E08000006'),\n"
        "    'date_reported': in_year(pd.to_datetime(s['date'], format='%d-%b-%y', errors='coerce')),\n"
        "    'waste_type': s['waste'].str.capitalize(), 'size': s['size_category'], 'land_type': s['land'],\n"
        "    'clearance_cost_gbp': s['cost_gbp']})",
        # waste types left in lower case, as Salford writes them
        "s = answer_q3\n"
        "answer_q4 = pd.DataFrame({\n"
        "    'incident_ref': s['ref'], 'council_code': 'E08000006',\n"
        "    'ward_code': names_to_codes(s['ward_name'], 'E08000006'),\n"
        "    'date_reported': in_year(pd.to_datetime(s['date'], format='%d-%b-%y', errors='coerce')),\n"
        "    'waste_type': s['waste'], 'size': s['size_category'], 'land_type': s['land'],\n"
        "    'clearance_cost_gbp': pd.to_numeric(s['cost_gbp'].str.replace('£', '').str.replace(',', ''),\n"
        "                                        errors='coerce')})",
        # Salford taken from the file again: its totals row and repeats are back in
        "s = salford\n"
        "answer_q4 = pd.DataFrame({\n"
        "    'incident_ref': s['ref'], 'council_code': 'E08000006',\n"
        "    'ward_code': names_to_codes(s['ward_name'], 'E08000006'),\n"
        "    'date_reported': in_year(pd.to_datetime(s['date'], format='%d-%b-%y', errors='coerce')),\n"
        "    'waste_type': s['waste'].str.capitalize(), 'size': s['size_category'], 'land_type': s['land'],\n"
        "    'clearance_cost_gbp': pd.to_numeric(s['cost_gbp'].str.replace('£', '').str.replace(',', ''),\n"
        "                                        errors='coerce')})",
        # no check of the year: 15-Jul-42 kept as a date in 2042
        "s = answer_q3\n"
        "answer_q4 = pd.DataFrame({\n"
        "    'incident_ref': s['ref'], 'council_code': 'E08000006',\n"
        "    'ward_code': names_to_codes(s['ward_name'], 'E08000006'),\n"
        "    'date_reported': pd.to_datetime(s['date'], format='%d-%b-%y', errors='coerce'),\n"
        "    'waste_type': s['waste'].str.capitalize(), 'size': s['size_category'], 'land_type': s['land'],\n"
        "    'clearance_cost_gbp': pd.to_numeric(s['cost_gbp'].str.replace('£', '').str.replace(',', ''),\n"
        "                                        errors='coerce')})",
    ],
    "q6": [
        # incident numbers turned into text while still decimals: '2024000001.0'
        "wigan = pd.read_excel(wigan_path, skiprows=2)\n"
        "w = wigan[wigan['WD22CD'] != 'Grand total'].drop_duplicates()\n"
        "answer_q6 = pd.DataFrame({\n"
        "    'incident_ref': w['Incident No'].astype(str), 'council_code': 'E08000010',\n"
        "    'ward_code': names_to_codes(w['WD22NM'], 'E08000010'),\n"
        "    'date_reported': in_year(pd.to_datetime(w['Date'], unit='D', origin='1899-12-30')),\n"
        "    'waste_type': w['Waste Type'], 'size': w['Size'], 'land_type': w['Land Type'],\n"
        "    'clearance_cost_gbp': w['Cost'].replace(0, np.nan)})",
        # Wigan's published ward codes trusted as they are, slips and all
        "wigan = pd.read_excel(wigan_path, skiprows=2)\n"
        "w = wigan[wigan['WD22CD'] != 'Grand total'].drop_duplicates()\n"
        "answer_q6 = pd.DataFrame({\n"
        "    'incident_ref': w['Incident No'].astype(int).astype(str), 'council_code': 'E08000010',\n"
        "    'ward_code': w['WD22CD'],\n"
        "    'date_reported': in_year(pd.to_datetime(w['Date'], unit='D', origin='1899-12-30')),\n"
        "    'waste_type': w['Waste Type'], 'size': w['Size'], 'land_type': w['Land Type'],\n"
        "    'clearance_cost_gbp': w['Cost'].replace(0, np.nan)})",
        # a cost of 0 kept as £0 instead of unknown
        "wigan = pd.read_excel(wigan_path, skiprows=2)\n"
        "w = wigan[wigan['WD22CD'] != 'Grand total'].drop_duplicates()\n"
        "answer_q6 = pd.DataFrame({\n"
        "    'incident_ref': w['Incident No'].astype(int).astype(str), 'council_code': 'E08000010',\n"
        "    'ward_code': names_to_codes(w['WD22NM'], 'E08000010'),\n"
        "    'date_reported': in_year(pd.to_datetime(w['Date'], unit='D', origin='1899-12-30')),\n"
        "    'waste_type': w['Waste Type'], 'size': w['Size'], 'land_type': w['Land Type'],\n"
        "    'clearance_cost_gbp': w['Cost']})",
        # dropna() to lose the totals row: it drops every incident with an unknown (blank) cost too
        "wigan = pd.read_excel(wigan_path, skiprows=2)\n"
        "w = wigan.dropna().drop_duplicates()\n"
        "answer_q6 = pd.DataFrame({\n"
        "    'incident_ref': w['Incident No'].astype(int).astype(str), 'council_code': 'E08000010',\n"
        "    'ward_code': names_to_codes(w['WD22NM'], 'E08000010'),\n"
        "    'date_reported': in_year(pd.to_datetime(w['Date'], unit='D', origin='1899-12-30')),\n"
        "    'waste_type': w['Waste Type'], 'size': w['Size'], 'land_type': w['Land Type'],\n"
        "    'clearance_cost_gbp': w['Cost'].replace(0, np.nan)})",
        # Excel day numbers counted from 1 January 1900: every Wigan date two days late
        "wigan = pd.read_excel(wigan_path, skiprows=2)\n"
        "w = wigan[wigan['WD22CD'] != 'Grand total'].drop_duplicates()\n"
        "answer_q6 = pd.DataFrame({\n"
        "    'incident_ref': w['Incident No'].astype(int).astype(str), 'council_code': 'E08000010',\n"
        "    'ward_code': names_to_codes(w['WD22NM'], 'E08000010'),\n"
        "    'date_reported': pd.to_datetime(w['Date'], unit='D', origin='1900-01-01'),\n"
        "    'waste_type': w['Waste Type'], 'size': w['Size'], 'land_type': w['Land Type'],\n"
        "    'clearance_cost_gbp': w['Cost'].replace(0, np.nan)})",
    ],
    "q7": [
        # Wigan left out
        "answer_q7 = pd.concat([tidy_bolton(bolton), answer_q4], ignore_index=True)",
        # Salford's table stacked twice instead of Salford and Wigan
        "answer_q7 = pd.concat([tidy_bolton(bolton), answer_q4, answer_q4], ignore_index=True)",
        # side by side (axis=1) instead of one under another
        "answer_q7 = pd.concat([tidy_bolton(bolton), answer_q4, answer_q6], axis=1)",
    ],
    "q8": [
        # only Bolton's and Salford's defects logged: Wigan's four kinds are missing
        _LOG + "\n"
        "answer_q8 = answer_q8[answer_q8['council'] != 'Wigan']",
        # an incident whose date is fine given as the example of a bad date
        _LOG + "\n"
        "answer_q8.loc[0, 'incident_ref'] = bolton.loc[answer_q1.notna(), 'Incident Ref'].iloc[0]",
        # the fixes left blank
        _LOG + "\n"
        "answer_q8['fix'] = ''",
        # a kind of defect Wigan's file does not have (its dates are Excel numbers, all real)
        _LOG + "\n"
        "answer_q8.loc[len(answer_q8)] = ['Wigan', 'bad_date', wigan['Incident No'].iloc[0], 'left empty']",
    ],
    "q5": [
        # every source taken as open: all three councils listed and every credit line, Wigan's too
        "answer_q5 = {'may_publish_combined': True, 'publishable': licences['council_code'].tolist(),\n"
        "             'attribution': licences['attribution'].tolist()}",
        # any() instead of all(): one open source is taken to make the whole table open
        "open_ = licences[licences['onward_publication_allowed']]\n"
        "answer_q5 = {'may_publish_combined': bool(licences['onward_publication_allowed'].any()),\n"
        "             'publishable': open_['council_code'].tolist(),\n"
        "             'attribution': open_.loc[open_['attribution_required'], 'attribution'].tolist()}",
        # the publications' names instead of the council codes
        "open_ = licences[licences['onward_publication_allowed']]\n"
        "answer_q5 = {'may_publish_combined': False, 'publishable': open_['publication'].tolist(),\n"
        "             'attribution': open_.loc[open_['attribution_required'], 'attribution'].tolist()}",
        # the answer written as text: 'No' is not True or False
        "open_ = licences[licences['onward_publication_allowed']]\n"
        "answer_q5 = {'may_publish_combined': 'No', 'publishable': open_['council_code'].tolist(),\n"
        "             'attribution': open_.loc[open_['attribution_required'], 'attribution'].tolist()}",
    ],
}

#: The exercises whose first WRONG entry generated submissions use: question 5's, as the old typical
#: mistakes had it (question 3's table and the dates feed later questions).
SUBMISSION_MISTAKES = ("q5",)
