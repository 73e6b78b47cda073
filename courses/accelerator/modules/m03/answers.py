"""Right and wrong answers to m03's questions, which `academy validate` judges (right ones clean the three
publications by other pandas routes; wrong ones keep a defect, guess a value or lose rows)."""

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
        "salford_wards = wards.loc[wards['council_code'] == 'E08000006', ['ward_name', 'ward_code']]\n"
        "names = salford['ward_name'].str.strip().str.title().rename('ward_name').to_frame()\n"
        "answer_q2 = names.merge(salford_wards, on='ward_name', how='left')['ward_code']",
        # map with a Series indexed by name, matched in lower case on both sides
        "own = wards.query(\"council_code == 'E08000006'\")\n"
        "lookup = own.set_index(own['ward_name'].str.lower())['ward_code']\n"
        "answer_q2 = salford['ward_name'].str.strip().str.lower().map(lookup)",
        # a loop over the rows, None where the name is not one of Salford's wards
        "salford_wards = wards[wards['council_code'] == 'E08000006']\n"
        "lookup = dict(zip(salford_wards['ward_name'].str.upper(), salford_wards['ward_code']))\n"
        "codes = []\n"
        "for name in salford['ward_name']:\n"
        "    codes.append(lookup.get(name.strip().upper()) if isinstance(name, str) else None)\n"
        "answer_q2 = pd.Series(codes, index=salford.index)",
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
        # Salford from the raw table again, costs with one regex, Wigan's codes from a merge, other column order
        "s = salford[salford['ref'] != 'Total'].drop_duplicates()\n"
        "salford_dates = pd.to_datetime(s['date'], format='%d-%b-%y', errors='coerce')\n"
        "tidy_salford = pd.DataFrame({\n"
        "    'council_code': 'E08000006', 'incident_ref': s['ref'],\n"
        "    'date_reported': salford_dates.where(salford_dates.between('2024-04-01', '2025-03-31')),\n"
        "    'ward_code': answer_q2.loc[s.index],\n"
        "    'waste_type': s['waste'].str[:1].str.upper() + s['waste'].str[1:],\n"
        "    'size': s['size_category'], 'land_type': s['land'],\n"
        "    'clearance_cost_gbp': pd.to_numeric(s['cost_gbp'].str.replace(r'[£,]', '', regex=True)\n"
        "                                        .replace('-', None)),\n"
        "})\n"
        "w = wigan[wigan['Incident No'].notna()].drop_duplicates()\n"
        "wigan_wards = wards.loc[wards['council_code'] == 'E08000010', ['ward_name', 'ward_code']]\n"
        "w = w.merge(wigan_wards, left_on='WD22NM', right_on='ward_name', how='left')\n"
        "cost = w['Cost'].astype(float)\n"
        "tidy_wigan = pd.DataFrame({\n"
        "    'council_code': 'E08000010', 'incident_ref': w['Incident No'],\n"
        "    'date_reported': pd.Timestamp('1899-12-30') + pd.to_timedelta(w['Date'].astype(int), unit='D'),\n"
        "    'ward_code': w['ward_code'], 'waste_type': w['Waste Type'], 'size': w['Size'],\n"
        "    'land_type': w['Land Type'], 'clearance_cost_gbp': cost.mask(cost == 0),\n"
        "})\n"
        "answer_q4 = pd.concat([tidy_salford, tidy_wigan, tidy_bolton(bolton)])",
        # one function for both councils: rename to the clean names, then repair the columns
        "def tidy(table, council_code, columns):\n"
        "    t = table.rename(columns=columns)[list(columns.values())].copy()\n"
        "    t['council_code'] = council_code\n"
        "    t['ward_code'] = names_to_codes(t.pop('ward_name'), council_code)\n"
        "    return t\n"
        "\n"
        "s = tidy(answer_q3, 'E08000006', {'ref': 'incident_ref', 'ward_name': 'ward_name', 'date': 'date_reported',\n"
        "                                  'waste': 'waste_type', 'size_category': 'size', 'land': 'land_type',\n"
        "                                  'cost_gbp': 'clearance_cost_gbp'})\n"
        "s['date_reported'] = in_year(pd.to_datetime(s['date_reported'], format='%d-%b-%y', errors='coerce'))\n"
        "s['waste_type'] = s['waste_type'].str.capitalize()\n"
        "s['clearance_cost_gbp'] = pd.to_numeric(\n"
        "    s['clearance_cost_gbp'].str.lstrip('£').str.replace(',', ''), errors='coerce')\n"
        "w = wigan.iloc[:-1].drop_duplicates()\n"
        "w = tidy(w, 'E08000010', {'Incident No': 'incident_ref', 'WD22NM': 'ward_name', 'Date': 'date_reported',\n"
        "                          'Waste Type': 'waste_type', 'Size': 'size', 'Land Type': 'land_type',\n"
        "                          'Cost': 'clearance_cost_gbp'})\n"
        "w['date_reported'] = in_year(pd.to_datetime(w['date_reported'].astype(float), unit='D',\n"
        "                                            origin='1899-12-30'))\n"
        "w['clearance_cost_gbp'] = pd.to_numeric(w['clearance_cost_gbp']).replace(0, np.nan)\n"
        "answer_q4 = pd.concat([tidy_bolton(bolton), s, w], ignore_index=True)",
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
    ],
    "q2": [
        # matched against every ward of the ten councils: another council's ward gets a code
        "lookup = dict(zip(wards['ward_name'], wards['ward_code']))\n"
        "answer_q2 = salford['ward_name'].str.strip().str.title().map(lookup)",
        # names not tidied: '  HOLMWELL' matches nothing
        "salford_wards = wards[wards['council_code'] == 'E08000006']\n"
        "answer_q2 = salford['ward_name'].map(dict(zip(salford_wards['ward_name'], salford_wards['ward_code'])))",
        # .replace instead of .map: names with no Salford ward stay as names, not empty
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
    ],
    "q4": [
        # Wigan's cost of 0 kept as £0 instead of unknown
        "s = answer_q3\n"
        "tidy_salford = pd.DataFrame({\n"
        "    'incident_ref': s['ref'], 'council_code': 'E08000006',\n"
        "    'ward_code': names_to_codes(s['ward_name'], 'E08000006'),\n"
        "    'date_reported': in_year(pd.to_datetime(s['date'], format='%d-%b-%y', errors='coerce')),\n"
        "    'waste_type': s['waste'].str.capitalize(), 'size': s['size_category'], 'land_type': s['land'],\n"
        "    'clearance_cost_gbp': pd.to_numeric(s['cost_gbp'].str.replace('£', '').str.replace(',', ''),\n"
        "                                        errors='coerce')})\n"
        "w = wigan[wigan['WD22CD'] != 'Grand total'].drop_duplicates()\n"
        "tidy_wigan = pd.DataFrame({\n"
        "    'incident_ref': w['Incident No'], 'council_code': 'E08000010',\n"
        "    'ward_code': names_to_codes(w['WD22NM'], 'E08000010'),\n"
        "    'date_reported': in_year(pd.to_datetime(pd.to_numeric(w['Date']), unit='D', origin='1899-12-30')),\n"
        "    'waste_type': w['Waste Type'], 'size': w['Size'], 'land_type': w['Land Type'],\n"
        "    'clearance_cost_gbp': pd.to_numeric(w['Cost'], errors='coerce')})\n"
        "answer_q4 = pd.concat([tidy_bolton(bolton), tidy_salford, tidy_wigan], ignore_index=True)",
        # Wigan's published ward codes trusted as they are, slips and all
        "s = answer_q3\n"
        "tidy_salford = pd.DataFrame({\n"
        "    'incident_ref': s['ref'], 'council_code': 'E08000006',\n"
        "    'ward_code': names_to_codes(s['ward_name'], 'E08000006'),\n"
        "    'date_reported': in_year(pd.to_datetime(s['date'], format='%d-%b-%y', errors='coerce')),\n"
        "    'waste_type': s['waste'].str.capitalize(), 'size': s['size_category'], 'land_type': s['land'],\n"
        "    'clearance_cost_gbp': pd.to_numeric(s['cost_gbp'].str.replace('£', '').str.replace(',', ''),\n"
        "                                        errors='coerce')})\n"
        "w = wigan[wigan['WD22CD'] != 'Grand total'].drop_duplicates()\n"
        "tidy_wigan = pd.DataFrame({\n"
        "    'incident_ref': w['Incident No'], 'council_code': 'E08000010', 'ward_code': w['WD22CD'],\n"
        "    'date_reported': in_year(pd.to_datetime(pd.to_numeric(w['Date']), unit='D', origin='1899-12-30')),\n"
        "    'waste_type': w['Waste Type'], 'size': w['Size'], 'land_type': w['Land Type'],\n"
        "    'clearance_cost_gbp': pd.to_numeric(w['Cost'], errors='coerce').replace(0, np.nan)})\n"
        "answer_q4 = pd.concat([tidy_bolton(bolton), tidy_salford, tidy_wigan], ignore_index=True)",
        # Excel day numbers counted from 1 January 1900: every Wigan date two days late
        "s = answer_q3\n"
        "tidy_salford = pd.DataFrame({\n"
        "    'incident_ref': s['ref'], 'council_code': 'E08000006',\n"
        "    'ward_code': names_to_codes(s['ward_name'], 'E08000006'),\n"
        "    'date_reported': in_year(pd.to_datetime(s['date'], format='%d-%b-%y', errors='coerce')),\n"
        "    'waste_type': s['waste'].str.capitalize(), 'size': s['size_category'], 'land_type': s['land'],\n"
        "    'clearance_cost_gbp': pd.to_numeric(s['cost_gbp'].str.replace('£', '').str.replace(',', ''),\n"
        "                                        errors='coerce')})\n"
        "w = wigan[wigan['WD22CD'] != 'Grand total'].drop_duplicates()\n"
        "tidy_wigan = pd.DataFrame({\n"
        "    'incident_ref': w['Incident No'], 'council_code': 'E08000010',\n"
        "    'ward_code': names_to_codes(w['WD22NM'], 'E08000010'),\n"
        "    'date_reported': pd.to_datetime(pd.to_numeric(w['Date']), unit='D', origin='1900-01-01'),\n"
        "    'waste_type': w['Waste Type'], 'size': w['Size'], 'land_type': w['Land Type'],\n"
        "    'clearance_cost_gbp': pd.to_numeric(w['Cost'], errors='coerce').replace(0, np.nan)})\n"
        "answer_q4 = pd.concat([tidy_bolton(bolton), tidy_salford, tidy_wigan], ignore_index=True)",
        # Salford taken from the raw publication: its totals row and repeats are back in
        "s = salford\n"
        "tidy_salford = pd.DataFrame({\n"
        "    'incident_ref': s['ref'], 'council_code': 'E08000006',\n"
        "    'ward_code': names_to_codes(s['ward_name'], 'E08000006'),\n"
        "    'date_reported': in_year(pd.to_datetime(s['date'], format='%d-%b-%y', errors='coerce')),\n"
        "    'waste_type': s['waste'].str.capitalize(), 'size': s['size_category'], 'land_type': s['land'],\n"
        "    'clearance_cost_gbp': pd.to_numeric(s['cost_gbp'].str.replace('£', '').str.replace(',', ''),\n"
        "                                        errors='coerce')})\n"
        "w = wigan[wigan['WD22CD'] != 'Grand total'].drop_duplicates()\n"
        "tidy_wigan = pd.DataFrame({\n"
        "    'incident_ref': w['Incident No'], 'council_code': 'E08000010',\n"
        "    'ward_code': names_to_codes(w['WD22NM'], 'E08000010'),\n"
        "    'date_reported': in_year(pd.to_datetime(pd.to_numeric(w['Date']), unit='D', origin='1899-12-30')),\n"
        "    'waste_type': w['Waste Type'], 'size': w['Size'], 'land_type': w['Land Type'],\n"
        "    'clearance_cost_gbp': pd.to_numeric(w['Cost'], errors='coerce').replace(0, np.nan)})\n"
        "answer_q4 = pd.concat([tidy_bolton(bolton), tidy_salford, tidy_wigan], ignore_index=True)",
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
#: mistakes had it (question 3's table and the dates feed question 4).
SUBMISSION_MISTAKES = ("q5",)
