"""Right and wrong answers to c04's questions, which `academy validate` judges (right ones count, join and rank
other ways, and choose either period; wrong ones count the wrong incidents or years, or rank the wrong thing)."""

RIGHT = {
    "q1": [
        # value_counts of the ward code after filtering, with query
        "answer_q1 = incidents.query(\"incident_type == 'Anti-social behaviour' and financial_year == '2024-25'\")"
        "['ward_code'].value_counts()",
        # labelled by ward name, via a merge
        "asb = incidents[(incidents['incident_type'] == 'Anti-social behaviour')\n"
        "                & (incidents['financial_year'] == '2024-25')].merge(wards, on='ward_code')\n"
        "answer_q1 = asb.groupby('ward_name').size()",
        # every ward listed, a ward with none given 0
        "asb = incidents[(incidents['incident_type'] == 'Anti-social behaviour')\n"
        "                & (incidents['financial_year'] == '2024-25')]\n"
        "answer_q1 = asb.groupby('ward_code').size().reindex(wards['ward_code'], fill_value=0)",
    ],
    "q2": [
        # the three-year yearly average, with the count, rounded, nlargest
        "asb = incidents[incidents['incident_type'] == 'Anti-social behaviour']\n"
        "per_ward = asb['ward_code'].value_counts().rename('asb_3_years')\n"
        "table = wards.merge(per_ward, left_on='ward_code', right_index=True, how='left').fillna({'asb_3_years': 0})\n"
        "table['asb_per_1000'] = (table['asb_3_years'] / 3 / table['population'] * 1000).round(2)\n"
        "answer_q2 = table.nlargest(10, 'asb_per_1000')[['ward_name', 'asb_3_years', 'asb_per_1000']]",
        # 2024-25, the counts looked up with map, columns in another order, a fresh index
        "rates = wards.assign(asb_per_1000=wards['ward_code'].map(answer_q1).fillna(0) / wards['population'] * 1000)\n"
        "answer_q2 = (rates.sort_values('asb_per_1000', ascending=False).head(10)\n"
        "             .reset_index(drop=True)[['asb_per_1000', 'ward_code', 'ward_name']])",
        # 2024-25, the incidents joined to the wards first, then grouped by name
        "asb = incidents[(incidents['incident_type'] == 'Anti-social behaviour')\n"
        "                & (incidents['financial_year'] == '2024-25')].merge(wards, on='ward_code')\n"
        "per_ward = asb.groupby('ward_name').agg(asb=('incident_id', 'size'), population=('population', 'first'))\n"
        "per_ward['asb_per_1000'] = per_ward['asb'] * 1000 / per_ward['population']\n"
        "answer_q2 = per_ward.sort_values('asb_per_1000', ascending=False).head(10).reset_index()",
    ],
    "q3": [
        # a loop over the two years, sets of codes
        "asb = incidents[incidents['incident_type'] == 'Anti-social behaviour']\n"
        "tops = []\n"
        "for year in ['2023-24', '2024-25']:\n"
        "    counts = asb[asb['financial_year'] == year]['ward_code'].value_counts()\n"
        "    rates = wards['ward_code'].map(counts).fillna(0) / wards['population'] * 1000\n"
        "    tops.append(set(wards.loc[rates.nlargest(10).index, 'ward_code']))\n"
        "answer_q3 = sorted(tops[0] & tops[1])",
        # a pivot table of counts per ward and year, the rows kept as a table
        "asb = incidents[incidents['incident_type'] == 'Anti-social behaviour']\n"
        "pivot = pd.crosstab(asb['ward_code'], asb['financial_year']).reindex(wards['ward_code'], fill_value=0)\n"
        "rates = pivot.div(wards.set_index('ward_code')['population'], axis=0) * 1000\n"
        "top_new = rates['2024-25'].sort_values(ascending=False).head(10).index\n"
        "top_old = rates['2023-24'].sort_values(ascending=False).head(10).index\n"
        "answer_q3 = wards[wards['ward_code'].isin(top_new) & wards['ward_code'].isin(top_old)]",
    ],
}

WRONG = {
    "q1": [
        # all three years
        "answer_q1 = incidents[incidents['incident_type'] == 'Anti-social behaviour'].groupby('ward_code').size()",
        # youth offences too
        "answer_q1 = incidents[incidents['financial_year'] == '2024-25'].groupby('ward_code').size()",
        # the calendar year 2024
        "asb = incidents[(incidents['incident_type'] == 'Anti-social behaviour')\n"
        "                & (incidents['reported_at'].dt.year == 2024)]\n"
        "answer_q1 = asb.groupby('ward_code').size()",
    ],
    "q2": [
        # counts, not rates
        "table = wards.merge(answer_q1.rename('asb_per_1000'), left_on='ward_code', right_index=True, how='left')\n"
        "answer_q2 = table.sort_values('asb_per_1000', ascending=False).head(10)[['ward_name', 'asb_per_1000']]",
        # per 1,000 households
        "table = wards.merge(answer_q1.rename('n'), left_on='ward_code', right_index=True, how='left')"
        ".fillna({'n': 0})\n"
        "table['asb_per_1000'] = table['n'] / table['households'] * 1000\n"
        "answer_q2 = table.sort_values('asb_per_1000', ascending=False).head(10)[['ward_name', 'asb_per_1000']]",
        # three years added up, not divided by 3
        "per_ward = incidents[incidents['incident_type'] == 'Anti-social behaviour'].groupby('ward_code').size()\n"
        "table = wards.merge(per_ward.rename('n'), left_on='ward_code', right_index=True, how='left')"
        ".fillna({'n': 0})\n"
        "table['asb_per_1000'] = table['n'] / table['population'] * 1000\n"
        "answer_q2 = table.nlargest(10, 'asb_per_1000')[['ward_name', 'asb_per_1000']]",
        # ascending=False forgotten: the ten lowest
        "table = wards.merge(answer_q1.rename('n'), left_on='ward_code', right_index=True, how='left')"
        ".fillna({'n': 0})\n"
        "table['asb_per_1000'] = table['n'] / table['population'] * 1000\n"
        "answer_q2 = table.sort_values('asb_per_1000').head(10)[['ward_name', 'asb_per_1000']]",
    ],
    "q3": [
        # ranked by counts, not rates
        "asb = incidents[incidents['incident_type'] == 'Anti-social behaviour']\n"
        "top_new = asb[asb['financial_year'] == '2024-25']['ward_code'].value_counts().head(10).index\n"
        "top_old = asb[asb['financial_year'] == '2023-24']['ward_code'].value_counts().head(10).index\n"
        "answer_q3 = list(top_new[top_new.isin(top_old)])",
        # the True/False column itself, not the wards
        "asb = incidents[incidents['incident_type'] == 'Anti-social behaviour']\n"
        "def top(year):\n"
        "    counts = asb[asb['financial_year'] == year]['ward_code'].value_counts()\n"
        "    rates = wards['ward_code'].map(counts).fillna(0) / wards['population'] * 1000\n"
        "    return wards.loc[rates.nlargest(10).index, 'ward_code']\n"
        "answer_q3 = top('2024-25').isin(top('2023-24'))",
        # compared with the first year, not the year before
        "asb = incidents[incidents['incident_type'] == 'Anti-social behaviour']\n"
        "def top(year):\n"
        "    counts = asb[asb['financial_year'] == year]['ward_code'].value_counts()\n"
        "    rates = wards['ward_code'].map(counts).fillna(0) / wards['population'] * 1000\n"
        "    return wards.loc[rates.nlargest(10).index, 'ward_code']\n"
        "newest = top('2024-25')\n"
        "answer_q3 = newest[newest.isin(top('2022-23'))]",
        # how many, not which
        "asb = incidents[incidents['incident_type'] == 'Anti-social behaviour']\n"
        "def top(year):\n"
        "    counts = asb[asb['financial_year'] == year]['ward_code'].value_counts()\n"
        "    rates = wards['ward_code'].map(counts).fillna(0) / wards['population'] * 1000\n"
        "    return wards.loc[rates.nlargest(10).index, 'ward_code']\n"
        "answer_q3 = int(top('2024-25').isin(top('2023-24')).sum())",
    ],
}
