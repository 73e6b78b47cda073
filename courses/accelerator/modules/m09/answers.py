"""Right and wrong answers to m09's questions, which `academy validate` judges (right ones link the services by
other joins and lookups and choose other weights within the rule; wrong ones use percentages, every year, the wrong
denominator, weights outside the rule, the lowest need, research consent for a phone call, a table whose Total gives a
hidden count away...)."""

#: exercise -> answer-cell code a learner might write that must PASS (another method, column order,
#: dtype, index, rounding the question allows...). At least 2 per exercise, genuinely different
#: from the published solution and from each other.
RIGHT = {
    "q1": [
        # merges all the way, then the mean of True/False per ward
        "totals = attendance.groupby('pupil_id')[['attended_sessions', 'possible_sessions']].sum().reset_index()\n"
        "df = (totals.merge(pupils[['pupil_id', 'lsoa_code']], on='pupil_id')\n"
        "      .merge(lsoas[['lsoa_code', 'ward_code']], on='lsoa_code'))\n"
        "df['absent'] = df['attended_sessions'] / df['possible_sessions'] <= 0.9\n"
        "answer_q1 = df.groupby('ward_code')['absent'].mean()",
        # a crosstab normalised by ward, highest rate first
        "year = attendance.groupby('pupil_id').agg(attended=('attended_sessions', 'sum'),\n"
        "                                          possible=('possible_sessions', 'sum'))\n"
        "p = pupils.set_index('pupil_id')\n"
        "p['ward_code'] = p['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code'])\n"
        "p['absent'] = year['attended'] / year['possible'] <= 0.9\n"
        "answer_q1 = pd.crosstab(p['ward_code'], p['absent'], normalize='index')[True].sort_values(ascending=False)",
        # the number absent over the number of pupils in each ward
        "totals = attendance.groupby('pupil_id')[['attended_sessions', 'possible_sessions']].sum()\n"
        "absent = (totals['attended_sessions'] / totals['possible_sessions'] <= 0.9).astype(int)\n"
        "ward = pupils.set_index('pupil_id')['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code'])\n"
        "ward = ward.reindex(absent.index)\n"
        "answer_q1 = absent.groupby(ward).sum() / ward.value_counts()",
    ],
    "q2": [
        # query, groupby().size(), and the population mapped in
        "asb = incidents.query(\"incident_type == 'Anti-social behaviour' and financial_year == '2024-25'\")\n"
        "per_ward = asb.groupby('ward_code', observed=True).size()\n"
        "w = wards.set_index('ward_code')\n"
        "answer_q2 = per_ward.reindex(w.index).fillna(0) * 1000 / w['population']",
        # the year from the date of the report, and a left merge onto wards
        "asb = incidents[(incidents['incident_type'] == 'Anti-social behaviour')\n"
        "                & (incidents['reported_at'] >= '2024-04-01') & (incidents['reported_at'] < '2025-04-01')]\n"
        "n = asb['ward_code'].value_counts().rename('n')\n"
        "w = wards.merge(n, left_on='ward_code', right_index=True, how='left').fillna({'n': 0})\n"
        "answer_q2 = (w['n'] / w['population'] * 1000).set_axis(w['ward_code'])",
        # a crosstab of ward by year, the population summed from the LSOAs
        "asb = incidents[incidents['incident_type'] == 'Anti-social behaviour']\n"
        "by_year = pd.crosstab(asb['ward_code'], asb['financial_year'])\n"
        "population = lsoas.groupby('ward_code')['population'].sum()\n"
        "answer_q2 = by_year['2024-25'].reindex(population.index, fill_value=0).div(population).mul(1000)",
    ],
    "q3": [
        # merges onto the wards table (its other columns kept), z-scores from StandardScaler (ddof=0)
        "from sklearn.preprocessing import StandardScaler\n"
        "ward_of = lsoas[['lsoa_code', 'ward_code']]\n"
        "fam = families.merge(ward_of, on='lsoa_code').groupby('ward_code').size()\n"
        "cla = claimants.merge(ward_of, on='lsoa_code').groupby('ward_code').size()\n"
        "t = wards.set_index('ward_code')\n"
        "t['families_per_1000_households'] = fam.reindex(t.index, fill_value=0) / t['households'] * 1000\n"
        "t['claimants_per_1000'] = cla.reindex(t.index, fill_value=0) / t['population'] * 1000\n"
        "t['absence_rate'] = answer_q1\n"
        "t['asb_per_1000'] = answer_q2\n"
        "measures = ['absence_rate', 'asb_per_1000', 'families_per_1000_households', 'claimants_per_1000']\n"
        "t['need_score'] = StandardScaler().fit_transform(t[measures]).mean(axis=1)\n"
        "answer_q3 = t.reset_index()",
        # pd.concat of named Series, z-scores column by column, sorted by need
        "ward_of = lsoas.set_index('lsoa_code')['ward_code']\n"
        "w = wards.set_index('ward_code')\n"
        "families_n = families.groupby(families['lsoa_code'].map(ward_of)).size()\n"
        "claimants_n = claimants.groupby(claimants['lsoa_code'].map(ward_of)).size()\n"
        "profile = pd.concat([\n"
        "    answer_q1.rename('absence_rate'),\n"
        "    answer_q2.rename('asb_per_1000'),\n"
        "    (families_n / w['households'] * 1000).fillna(0).rename('families_per_1000_households'),\n"
        "    (claimants_n / w['population'] * 1000).fillna(0).rename('claimants_per_1000'),\n"
        "], axis=1)\n"
        "z = profile.apply(lambda column: (column - column.mean()) / column.std())\n"
        "answer_q3 = (profile.assign(need_score=z.mean(axis=1)).reset_index(names='ward_code')\n"
        "             .sort_values('need_score', ascending=False))",
        # counted per LSOA first, then summed to wards with the LSOAs' households and population
        "lsoa = lsoas.assign(\n"
        "    families=lsoas['lsoa_code'].map(families['lsoa_code'].value_counts()).fillna(0),\n"
        "    claimants=lsoas['lsoa_code'].map(claimants['lsoa_code'].value_counts()).fillna(0))\n"
        "by_ward = lsoa.groupby('ward_code')[['families', 'claimants', 'households', 'population']].sum()\n"
        "answer_q3 = pd.DataFrame({\n"
        "    'ward_code': by_ward.index,\n"
        "    'claimants_per_1000': (by_ward['claimants'] / by_ward['population'] * 1000).to_numpy(),\n"
        "    'families_per_1000_households': (by_ward['families'] / by_ward['households'] * 1000).to_numpy(),\n"
        "    'asb_per_1000': answer_q2.reindex(by_ward.index).to_numpy(),\n"
        "    'absence_rate': answer_q1.reindex(by_ward.index).to_numpy(),\n"
        "})\n"
        "m = answer_q3.drop(columns='ward_code')\n"
        "answer_q3['need_score'] = ((m - m.mean()) / m.std(ddof=0)).mean(axis=1)",
        # other weights within the rule (absence first), written as numbers beside each z-score column
        "ward_of = lsoas.set_index('lsoa_code')['ward_code']\n"
        "w = wards.set_index('ward_code')\n"
        "p = pd.DataFrame({'absence_rate': answer_q1, 'asb_per_1000': answer_q2})\n"
        "p['families_per_1000_households'] = (families['lsoa_code'].map(ward_of).value_counts()\n"
        "                                     .reindex(w.index, fill_value=0) / w['households'] * 1000)\n"
        "p['claimants_per_1000'] = (claimants['lsoa_code'].map(ward_of).value_counts()\n"
        "                           .reindex(w.index, fill_value=0) / w['population'] * 1000)\n"
        "z = (p - p.mean()) / p.std()\n"
        "p['need_score'] = (0.4 * z['absence_rate'] + 0.1 * z['asb_per_1000']\n"
        "                   + 0.25 * z['families_per_1000_households'] + 0.25 * z['claimants_per_1000'])\n"
        "answer_q3 = p.reset_index(names='ward_code')",
        # weights in whole numbers, then a weighted average (divided by their total): the same as weights adding to 1
        "ward_of = lsoas.set_index('lsoa_code')['ward_code']\n"
        "w = wards.set_index('ward_code')\n"
        "profile = pd.DataFrame({\n"
        "    'absence_rate': answer_q1,\n"
        "    'asb_per_1000': answer_q2,\n"
        "    'families_per_1000_households': families['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['households'] * 1000,\n"
        "    'claimants_per_1000': claimants['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['population'] * 1000,\n"
        "}).reindex(w.index)\n"
        "points = pd.Series({'absence_rate': 3, 'asb_per_1000': 2, 'families_per_1000_households': 3,\n"
        "                    'claimants_per_1000': 2})\n"
        "z = (profile - profile.mean()) / profile.std()\n"
        "profile['need_score'] = (z * points).sum(axis=1) / points.sum()\n"
        "answer_q3 = profile.rename_axis('ward_code').reset_index()",
        # the need score rounded to 2 decimal places for the committee (refused before: it had to match to 1e-6)
        "ward_of = lsoas.set_index('lsoa_code')['ward_code']\n"
        "w = wards.set_index('ward_code')\n"
        "profile = pd.DataFrame({\n"
        "    'absence_rate': answer_q1,\n"
        "    'asb_per_1000': answer_q2,\n"
        "    'families_per_1000_households': families['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['households'] * 1000,\n"
        "    'claimants_per_1000': claimants['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['population'] * 1000,\n"
        "}).reindex(w.index)\n"
        "z = (profile - profile.mean()) / profile.std()\n"
        "profile['need_score'] = (0.25 * z).sum(axis=1).round(2)\n"
        "answer_q3 = profile.rename_axis('ward_code').reset_index()",
    ],
    "q4": [
        "answer_q4 = answer_q3.nlargest(5, 'need_score')['ward_code'].tolist()",
        "answer_q4 = list(answer_q3.set_index('ward_code')['need_score'].sort_values(ascending=False).index[:5])",
        # a Series of codes, highest need first
        "answer_q4 = answer_q3.sort_values('need_score', ascending=False).head(5)['ward_code']",
    ],
    "q5": [
        # merged, filtered, consent to be contacted summed
        "c = claimants.merge(lsoas[['lsoa_code', 'ward_code']], on='lsoa_code')\n"
        "answer_q5 = int(c.loc[c['ward_code'].isin(answer_q4), 'contact_consent'].sum())",
        # the hub wards' LSOAs first, then the rows that meet both conditions
        "hub_lsoas = lsoas.loc[lsoas['ward_code'].isin(answer_q4), 'lsoa_code']\n"
        "answer_q5 = len(claimants[claimants['lsoa_code'].isin(hub_lsoas) & claimants['contact_consent']])",
        # counted per ward, then added up over the hubs
        "ward = claimants['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code'])\n"
        "may_phone = claimants[claimants['contact_consent']].groupby(ward).size()\n"
        "answer_q5 = may_phone.reindex(answer_q4, fill_value=0).sum()",
    ],
    "q6": [
        # z-scores with numpy's standard deviation (ddof=0), a dict comprehension
        "measures = ['absence_rate', 'asb_per_1000', 'families_per_1000_households', 'claimants_per_1000']\n"
        "p = answer_q3.set_index('ward_code')[measures]\n"
        "z = (p - p.mean()) / p.std(ddof=0)\n"
        "def kept(heavy):\n"
        "    weights = pd.Series(0.2, index=measures)\n"
        "    weights[heavy] = 0.4\n"
        "    best = (z * weights).sum(axis=1).sort_values(ascending=False).head(5).index\n"
        "    return sum(ward in best for ward in answer_q4)\n"
        "answer_q6 = {m: kept(m) for m in measures}",
        # a Series, the scores as a matrix product, the top five by rank
        "cols = ['claimants_per_1000', 'families_per_1000_households', 'asb_per_1000', 'absence_rate']\n"
        "p = answer_q3.set_index('ward_code')[cols]\n"
        "z = p.apply(lambda c: (c - c.mean()) / c.std())\n"
        "result = {}\n"
        "for m in cols:\n"
        "    w = pd.Series([0.4 if c == m else 0.2 for c in cols], index=cols)\n"
        "    rank = (z @ w).rank(ascending=False)\n"
        "    result[m] = int((rank[answer_q4] <= 5).sum())\n"
        "answer_q6 = pd.Series(result)",
    ],
    "q7": [
        # groupby + unstack, where() instead of mask(), ward_code as a column, the secondary cell from sort_values
        "f = families.assign(ward_code=families['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code']))\n"
        "f = f[f['ward_code'].isin(answer_q4)]\n"
        "t = f.groupby(['ward_code', 'criteria_met']).size().unstack(fill_value=0)\n"
        "cells = list(t.columns)\n"
        "t['Total'] = t[cells].sum(axis=1)\n"
        "out = t.where(t >= 10)\n"
        "for ward in out.index:\n"
        "    shown = out.loc[ward, cells].dropna()\n"
        "    if len(shown) == len(cells) - 1:\n"
        "        out.loc[ward, shown.sort_values().index[0]] = float('nan')\n"
        "answer_q7 = out.reset_index()",
        # the hidden cells marked '[c]' as in ONS tables, every cell and column name as text
        "ward = families['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code'])\n"
        "keep = ward.isin(answer_q4)\n"
        "counts = pd.crosstab(ward[keep], families.loc[keep, 'criteria_met'])\n"
        "counts.columns = [str(c) for c in counts.columns]\n"
        "cells = list(counts.columns)\n"
        "counts['Total'] = counts.sum(axis=1)\n"
        "hide = counts < 10\n"
        "for w in counts.index:\n"
        "    if hide.loc[w, cells].sum() == 1:\n"
        "        others = counts.loc[w, cells][~hide.loc[w, cells]]\n"
        "        hide.loc[w, others.idxmin()] = True\n"
        "answer_q7 = counts.astype(str).mask(hide, '[c]')",
    ],
}

#: exercise -> answer-cell code with the mistakes learners really make, which must FAIL. At least 2
#: per exercise. The FIRST entry of an exercise is what generated test submissions use.
WRONG = {
    "q1": [
        # a percentage, not a share
        "totals = attendance.groupby('pupil_id')[['attended_sessions', 'possible_sessions']].sum()\n"
        "absent = totals['attended_sessions'] / totals['possible_sessions'] <= 0.9\n"
        "ward = pupils.set_index('pupil_id')['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code'])\n"
        "answer_q1 = absent.groupby(ward.reindex(absent.index)).mean() * 100",
        # averaged the three terms' rates
        "rate = (attendance['attended_sessions'] / attendance['possible_sessions']).groupby(attendance['pupil_id'])"
        ".mean()\n"
        "ward = pupils.set_index('pupil_id')['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code'])\n"
        "answer_q1 = (rate <= 0.9).groupby(ward.reindex(rate.index)).mean()",
        # the number of absent pupils, not the share
        "totals = attendance.groupby('pupil_id')[['attended_sessions', 'possible_sessions']].sum()\n"
        "absent = totals['attended_sessions'] / totals['possible_sessions'] <= 0.9\n"
        "ward = pupils.set_index('pupil_id')['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code'])\n"
        "answer_q1 = absent.groupby(ward.reindex(absent.index)).sum()",
        # grouped by LSOA, not by ward
        "totals = attendance.groupby('pupil_id')[['attended_sessions', 'possible_sessions']].sum()\n"
        "absent = totals['attended_sessions'] / totals['possible_sessions'] <= 0.9\n"
        "answer_q1 = absent.groupby(pupils.set_index('pupil_id')['lsoa_code']).mean()",
    ],
    "q2": [
        # every year, not 2024-25
        "asb = incidents[incidents['incident_type'] == 'Anti-social behaviour']\n"
        "counts = asb['ward_code'].value_counts().reindex(wards['ward_code'], fill_value=0)\n"
        "answer_q2 = counts / wards.set_index('ward_code')['population'] * 1000",
        # every incident type
        "recent = incidents[incidents['financial_year'] == '2024-25']\n"
        "counts = recent['ward_code'].value_counts().reindex(wards['ward_code'], fill_value=0)\n"
        "answer_q2 = counts / wards.set_index('ward_code')['population'] * 1000",
        # per 1,000 households
        "asb = incidents[(incidents['incident_type'] == 'Anti-social behaviour')\n"
        "                & (incidents['financial_year'] == '2024-25')]\n"
        "counts = asb['ward_code'].value_counts().reindex(wards['ward_code'], fill_value=0)\n"
        "answer_q2 = counts / wards.set_index('ward_code')['households'] * 1000",
        # per resident: forgot the 1,000
        "asb = incidents[(incidents['incident_type'] == 'Anti-social behaviour')\n"
        "                & (incidents['financial_year'] == '2024-25')]\n"
        "counts = asb['ward_code'].value_counts().reindex(wards['ward_code'], fill_value=0)\n"
        "answer_q2 = counts / wards.set_index('ward_code')['population']",
    ],
    "q3": [
        # the mean of the raw measures, no z-scores
        "ward_of = lsoas.set_index('lsoa_code')['ward_code']\n"
        "w = wards.set_index('ward_code')\n"
        "profile = pd.DataFrame({\n"
        "    'absence_rate': answer_q1,\n"
        "    'asb_per_1000': answer_q2,\n"
        "    'families_per_1000_households': families['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['households'] * 1000,\n"
        "    'claimants_per_1000': claimants['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['population'] * 1000,\n"
        "}).reindex(w.index)\n"
        "answer_q3 = profile.assign(need_score=profile.mean(axis=1)).rename_axis('ward_code').reset_index()",
        # families per 1,000 residents, not per 1,000 households
        "ward_of = lsoas.set_index('lsoa_code')['ward_code']\n"
        "w = wards.set_index('ward_code')\n"
        "profile = pd.DataFrame({\n"
        "    'absence_rate': answer_q1,\n"
        "    'asb_per_1000': answer_q2,\n"
        "    'families_per_1000_households': families['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['population'] * 1000,\n"
        "    'claimants_per_1000': claimants['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['population'] * 1000,\n"
        "}).reindex(w.index)\n"
        "z = (profile - profile.mean()) / profile.std()\n"
        "answer_q3 = profile.assign(need_score=z.mean(axis=1)).rename_axis('ward_code').reset_index()",
        # min-max scaled (0 to 1), not z-scores
        "ward_of = lsoas.set_index('lsoa_code')['ward_code']\n"
        "w = wards.set_index('ward_code')\n"
        "profile = pd.DataFrame({\n"
        "    'absence_rate': answer_q1,\n"
        "    'asb_per_1000': answer_q2,\n"
        "    'families_per_1000_households': families['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['households'] * 1000,\n"
        "    'claimants_per_1000': claimants['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['population'] * 1000,\n"
        "}).reindex(w.index)\n"
        "scaled = (profile - profile.min()) / (profile.max() - profile.min())\n"
        "answer_q3 = profile.assign(need_score=scaled.mean(axis=1)).rename_axis('ward_code').reset_index()",
        # ward_code left in the index
        "ward_of = lsoas.set_index('lsoa_code')['ward_code']\n"
        "w = wards.set_index('ward_code')\n"
        "profile = pd.DataFrame({\n"
        "    'absence_rate': answer_q1,\n"
        "    'asb_per_1000': answer_q2,\n"
        "    'families_per_1000_households': families['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['households'] * 1000,\n"
        "    'claimants_per_1000': claimants['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['population'] * 1000,\n"
        "}).reindex(w.index)\n"
        "z = (profile - profile.mean()) / profile.std()\n"
        "answer_q3 = profile.assign(need_score=z.mean(axis=1)).rename_axis('ward_code')",
        # one measure decides almost alone: outside the rule (each between 0.1 and 0.4)
        "ward_of = lsoas.set_index('lsoa_code')['ward_code']\n"
        "w = wards.set_index('ward_code')\n"
        "profile = pd.DataFrame({\n"
        "    'absence_rate': answer_q1,\n"
        "    'asb_per_1000': answer_q2,\n"
        "    'families_per_1000_households': families['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['households'] * 1000,\n"
        "    'claimants_per_1000': claimants['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['population'] * 1000,\n"
        "}).reindex(w.index)\n"
        "weights = {'absence_rate': 0.7, 'asb_per_1000': 0.1, 'families_per_1000_households': 0.1,\n"
        "           'claimants_per_1000': 0.1}\n"
        "z = (profile - profile.mean()) / profile.std()\n"
        "answer_q3 = profile.assign(need_score=(z * pd.Series(weights)).sum(axis=1)).rename_axis('ward_code')"
        ".reset_index()",
        # the z-scores added up, no weights (they add up to 4)
        "ward_of = lsoas.set_index('lsoa_code')['ward_code']\n"
        "w = wards.set_index('ward_code')\n"
        "profile = pd.DataFrame({\n"
        "    'absence_rate': answer_q1,\n"
        "    'asb_per_1000': answer_q2,\n"
        "    'families_per_1000_households': families['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['households'] * 1000,\n"
        "    'claimants_per_1000': claimants['lsoa_code'].map(ward_of).value_counts()\n"
        "        .reindex(w.index, fill_value=0) / w['population'] * 1000,\n"
        "}).reindex(w.index)\n"
        "z = (profile - profile.mean()) / profile.std()\n"
        "answer_q3 = profile.assign(need_score=z.sum(axis=1)).rename_axis('ward_code').reset_index()",
    ],
    "q4": [
        # the neediest ward five times over
        "answer_q4 = [answer_q3.sort_values('need_score', ascending=False)['ward_code'].iloc[0]] * 5",
        # the lowest need
        "answer_q4 = answer_q3.sort_values('need_score')['ward_code'].head(5).tolist()",
        # the right wards, lowest of the five first
        "answer_q4 = answer_q3.sort_values('need_score')['ward_code'].tail(5).tolist()",
        # the wards' names, not their codes
        "top = answer_q3.merge(wards, on='ward_code').nlargest(5, 'need_score')\n"
        "answer_q4 = top['ward_name'].tolist()",
        # the first five rows, not sorted
        "answer_q4 = answer_q3['ward_code'].head(5).tolist()",
    ],
    "q5": [
        # research consent taken as consent to be phoned
        "in_hub_wards = claimants['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code']).isin(answer_q4)\n"
        "answer_q5 = claimants.loc[in_hub_wards, 'research_consent'].sum()",
        # every claimant in the hub wards
        ("in_hub_wards = claimants['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code'])"
         ".isin(answer_q4)\n"
         "answer_q5 = in_hub_wards.sum()"),
        # both consents demanded
        "in_hub_wards = claimants['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code']).isin(answer_q4)\n"
        "there = claimants[in_hub_wards]\n"
        "answer_q5 = (there['research_consent'] & there['contact_consent']).sum()",
        # consent to be contacted counted everywhere, not only in the hub wards
        "answer_q5 = claimants['contact_consent'].sum()",
        # counted those who did not agree
        "in_hub_wards = claimants['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code']).isin(answer_q4)\n"
        "answer_q5 = (~claimants.loc[in_hub_wards, 'contact_consent']).sum()",
        # only the neediest ward
        "ward = claimants['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code'])\n"
        "answer_q5 = claimants.loc[ward == answer_q4[0], 'contact_consent'].sum()",
    ],
    "q6": [
        # counted the hubs that drop out, not those that stay
        "measures = ['absence_rate', 'asb_per_1000', 'families_per_1000_households', 'claimants_per_1000']\n"
        "z = answer_q3.set_index('ward_code')[measures]\n"
        "z = (z - z.mean()) / z.std()\n"
        "answer_q6 = {}\n"
        "for m in measures:\n"
        "    w = {other: 0.2 for other in measures}\n"
        "    w[m] = 0.4\n"
        "    top5 = (z * pd.Series(w)).sum(axis=1).nlargest(5).index\n"
        "    answer_q6[m] = len(set(answer_q4) - set(top5))",
        # the raw measures weighted, without z-scores
        "measures = ['absence_rate', 'asb_per_1000', 'families_per_1000_households', 'claimants_per_1000']\n"
        "p = answer_q3.set_index('ward_code')[measures]\n"
        "answer_q6 = {}\n"
        "for m in measures:\n"
        "    w = {other: 0.2 for other in measures}\n"
        "    w[m] = 0.4\n"
        "    top5 = (p * pd.Series(w)).sum(axis=1).nlargest(5).index\n"
        "    answer_q6[m] = len(set(top5) & set(answer_q4))",
        # the top five wards themselves, not how many of the hubs stay
        "measures = ['absence_rate', 'asb_per_1000', 'families_per_1000_households', 'claimants_per_1000']\n"
        "z = answer_q3.set_index('ward_code')[measures]\n"
        "z = (z - z.mean()) / z.std()\n"
        "answer_q6 = {m: (z * pd.Series({o: 0.4 if o == m else 0.2 for o in measures})).sum(axis=1)"
        ".nlargest(5).index.tolist() for m in measures}",
    ],
    "q7": [
        # small counts shown as 0, which is a count too, not hidden (only the small counts hidden, with no
        # second count, is wrong only where a row has exactly one: the check names it, but not every
        # learner's hubs have such a row, so it is not in this collection)
        "ward = families['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code'])\n"
        "in_hubs = ward.isin(answer_q4)\n"
        "counts = pd.crosstab(ward[in_hubs], families.loc[in_hubs, 'criteria_met'])\n"
        "counts['Total'] = counts.sum(axis=1)\n"
        "answer_q7 = counts.where(counts >= 10, 0)",
        # the counts as they are, nothing hidden
        "ward = families['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code'])\n"
        "in_hubs = ward.isin(answer_q4)\n"
        "counts = pd.crosstab(ward[in_hubs], families.loc[in_hubs, 'criteria_met'])\n"
        "counts['Total'] = counts.sum(axis=1)\n"
        "answer_q7 = counts",
        # the Total worked out again after hiding, from the counts still shown
        "ward = families['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code'])\n"
        "in_hubs = ward.isin(answer_q4)\n"
        "counts = pd.crosstab(ward[in_hubs], families.loc[in_hubs, 'criteria_met'])\n"
        "cells = list(counts.columns)\n"
        "safe = counts.mask(counts < 10)\n"
        "for w in safe.index:\n"
        "    row = safe.loc[w, cells]\n"
        "    if row.isna().sum() == 1:\n"
        "        safe.loc[w, row.dropna().idxmin()] = None\n"
        "safe['Total'] = safe[cells].sum(axis=1)\n"
        "answer_q7 = safe",
        # a second count hidden in every row with any hidden, not only where just one is hidden
        "ward = families['lsoa_code'].map(lsoas.set_index('lsoa_code')['ward_code'])\n"
        "in_hubs = ward.isin(answer_q4)\n"
        "counts = pd.crosstab(ward[in_hubs], families.loc[in_hubs, 'criteria_met'])\n"
        "cells = list(counts.columns)\n"
        "counts['Total'] = counts.sum(axis=1)\n"
        "safe = counts.mask(counts < 10)\n"
        "for w in safe.index:\n"
        "    row = safe.loc[w, cells]\n"
        "    if row.isna().sum() >= 1:\n"
        "        safe.loc[w, row.dropna().idxmin()] = None\n"
        "answer_q7 = safe",
    ],
}

#: The exercises whose first WRONG entry generated submissions use: only question 5's (research consent taken
#: for consent to be phoned), since the others feed later questions.
SUBMISSION_MISTAKES = ("q5",)
