"""Right and wrong answers to m10's questions, which `academy validate` judges. Right ones differ in how the
suppressed rows are found (empty TOTAL_KWH or MEDIAN_KWH, fewer than 5 METERS), how the fuels' two namings are
matched, how the geography is joined (merge or a lookup with .map), in pivot tables against groupby, in fuel names
and rounding, and in the measure the chart shows; wrong ones count every area, use the published total as the base,
count meters instead of kWh, take wards with exactly one suppressed area, take means or medians of medians, mix the
fuels, or break the agreement's terms."""

#: exercise -> answer-cell code a learner might write that must PASS.
RIGHT = {
    "q1": [
        # the suppression rule itself (fewer than 5 meters), two Series put side by side
        "hidden = extract[extract['METERS'] < 5]\n"
        "answer_q1 = pd.DataFrame({'areas': hidden.groupby('FUEL').size(),\n"
        "                          'meters': hidden.groupby('FUEL')['METERS'].sum()})",
        # an empty median marks the same rows; the fuel kept as a column, counted with 'count'
        "hidden = extract.loc[extract['MEDIAN_KWH'].isna()]\n"
        "answer_q1 = hidden.groupby('FUEL', as_index=False).agg(meters=('METERS', 'sum'), areas=('METERS', 'count'))",
        # the fuels translated to the meter table's names first
        "hidden = extract[extract['TOTAL_KWH'].isna()].replace({'FUEL': {'ELEC': 'Electricity', 'GAS': 'Gas'}})\n"
        "answer_q1 = pd.DataFrame({'meters': hidden.groupby('FUEL')['METERS'].sum()})\n"
        "answer_q1['areas'] = hidden['FUEL'].value_counts()",
    ],
    "q2": [
        # the meter table's names translated instead, and 1 - published / truth
        "codes = meters['fuel'].astype(str).map({'Electricity': 'ELEC', 'Gas': 'GAS'})\n"
        "truth = meters.groupby(codes)['annual_kwh'].sum()\n"
        "published = extract.groupby('FUEL')['TOTAL_KWH'].sum()\n"
        "answer_q2 = (1 - published / truth) * 100",
        # one fuel at a time in a loop
        "result = {}\n"
        "for code, name in [('ELEC', 'Electricity'), ('GAS', 'Gas')]:\n"
        "    truth = meters.loc[meters['fuel'] == name, 'annual_kwh'].sum()\n"
        "    published = extract.loc[extract['FUEL'] == code, 'TOTAL_KWH'].sum()\n"
        "    result[name] = (truth - published) / truth * 100\n"
        "answer_q2 = pd.Series(result)",
        # the suppressed rows' share of the truth: the same thing worked out from what is hidden
        "truth = meters.groupby('fuel')['annual_kwh'].sum().rename({'Electricity': 'ELEC', 'Gas': 'GAS'})\n"
        "hidden_kwh = truth - extract.dropna(subset=['TOTAL_KWH']).groupby('FUEL')['TOTAL_KWH'].sum()\n"
        "answer_q2 = (hidden_kwh / truth * 100).to_frame('per_cent_missing')",
    ],
    "q3": [
        # a Series labelled by ward and fuel, straight from the groupby
        "hidden = extract[extract['TOTAL_KWH'].isna()].merge(lsoas, left_on='LSOA_CD', right_on='lsoa_code')\n"
        "per_ward = hidden.groupby(['ward_code', 'FUEL'])['METERS'].sum()\n"
        "answer_q3 = per_ward[per_ward < 5]",
        # the ward looked up with .map, a pivot table stacked back into pairs
        "ward_of = lsoas.set_index('lsoa_code')['ward_code']\n"
        "hidden = extract[extract['MEDIAN_KWH'].isna()].assign(ward_code=lambda t: t['LSOA_CD'].map(ward_of))\n"
        "per = hidden.pivot_table(index='ward_code', columns='FUEL', values='METERS', aggfunc='sum')\n"
        "at_risk = per.stack()\n"
        "answer_q3 = at_risk[at_risk < 5].reset_index()",
        # a list of (ward, fuel) pairs with the meter table's fuel names
        "joined = extract.merge(lsoas[['lsoa_code', 'ward_code']], left_on='LSOA_CD', right_on='lsoa_code')\n"
        "per_ward = joined[joined['TOTAL_KWH'].isna()].groupby(['ward_code', 'FUEL'])['METERS'].sum()\n"
        "names = {'ELEC': 'Electricity', 'GAS': 'Gas'}\n"
        "answer_q3 = [(ward, names[fuel]) for (ward, fuel), n in per_ward.items() if 0 < n <= 4]",
    ],
    "q4": [
        # the decile looked up with .map, rounded to one decimal place
        "decile = meters['lsoa_code'].map(lsoas.set_index('lsoa_code')['imd_decile'])\n"
        "answer_q4 = (meters['prepayment'].groupby(decile).mean() * 100).round(1)",
        # a crosstab with each row made to add up to 1
        "joined = meters.merge(lsoas, on='lsoa_code')\n"
        "answer_q4 = pd.crosstab(joined['imd_decile'], joined['prepayment'], normalize='index')[True] * 100",
        # prepayment meters over all meters, decile by decile
        "joined = meters.merge(lsoas[['lsoa_code', 'imd_decile']], on='lsoa_code')\n"
        "on_prepayment = joined[joined['prepayment']].groupby('imd_decile').size()\n"
        "answer_q4 = 100 * on_prepayment / joined.groupby('imd_decile').size()",
        # the deciles kept as a column, the share as a named column
        "joined = meters.merge(lsoas[['lsoa_code', 'imd_decile']], on='lsoa_code')\n"
        "answer_q4 = joined.groupby('imd_decile', as_index=False).agg(per_cent=('prepayment', 'mean'))\n"
        "answer_q4['per_cent'] = answer_q4['per_cent'] * 100",
    ],
    "q5": [
        # a pivot table with the median
        "joined = meters.merge(lsoas[['lsoa_code', 'imd_decile']], on='lsoa_code')\n"
        "answer_q5 = joined.pivot_table(index='imd_decile', columns='fuel', values='annual_kwh', aggfunc='median')",
        # one column per fuel, gas first, rounded to whole kWh, with the supplier's codes
        "decile = meters['lsoa_code'].map(lsoas.set_index('lsoa_code')['imd_decile'])\n"
        "gas, elec = meters['fuel'] == 'Gas', meters['fuel'] == 'Electricity'\n"
        "answer_q5 = pd.DataFrame({'GAS': meters[gas].groupby(decile[gas])['annual_kwh'].median(),\n"
        "                          'ELEC': meters[elec].groupby(decile[elec])['annual_kwh'].median()}).round(0)",
        # the deciles as a column of a pivot table, reset
        "joined = meters.merge(lsoas[['lsoa_code', 'imd_decile']], on='lsoa_code')\n"
        "answer_q5 = pd.pivot_table(joined, index='imd_decile', columns='fuel', values='annual_kwh',\n"
        "                           aggfunc='median').reset_index()",
        # the deciles as text labels
        "joined = meters.merge(lsoas[['lsoa_code', 'imd_decile']], on='lsoa_code')\n"
        "answer_q5 = joined.groupby(['imd_decile', 'fuel'])['annual_kwh'].median().unstack()\n"
        "answer_q5.index = answer_q5.index.astype(str)",
    ],
    "q6": [
        # the other choice: median gas use, with the fuel in the title
        "gas = answer_q5['Gas']\n"
        "fig, ax = plt.subplots()\n"
        "ax.bar(gas.index, gas.values)\n"
        "ax.set(title='Median gas use per meter, by deprivation decile',\n"
        "       xlabel='IMD decile (1 = most deprived)', ylabel='Median kWh a year')\n"
        "answer_q6 = ax",
        # pandas' own bar chart of question 4
        "ax = answer_q4.plot.bar(title='Meters on prepayment, by deprivation decile',\n"
        "                        xlabel='Deprivation decile (1 = most deprived)', ylabel='Per cent of meters')\n"
        "answer_q6 = ax",
        # electricity, the fuel named on the axis, the title giving the finding
        "fig, ax = plt.subplots(figsize=(8, 4))\n"
        "ax.bar(range(1, 11), answer_q5['Electricity'].to_numpy(), color='darkorange')\n"
        "ax.set_title('Typical use is lowest in the most deprived areas')\n"
        "ax.set_xlabel('Decile of deprivation, 1 = most deprived 10%')\n"
        "ax.set_ylabel('Electricity: median kWh per meter, 2024')\n"
        "answer_q6 = ax",
    ],
    "q7": [
        # dict() with keywords, in another order
        "answer_q7 = dict(\n"
        "    use_the_extract_to_choose_streets_for_a_council_tax_recovery_campaign=False,\n"
        "    publish_the_median_use_of_each_fuel_in_each_decile=True,\n"
        "    leave_the_attribution_off_a_briefing_for_the_cabinet_member=False,\n"
        "    publish_the_number_of_meters_in_a_suppressed_area=True,\n"
        "    send_the_meter_table_to_a_housing_association_running_a_warm_homes_scheme=False,\n"
        "    fill_suppressed_cells_with_the_ward_average_before_publishing=False,\n"
        "    publish_ward_totals_from_the_meter_table_beside_the_lsoa_extract=False,\n"
        "    publish_a_chart_of_prepayment_share_by_decile_with_the_attribution=True,\n"
        ")",
        # everything False first, then the three allowed
        "answer_q7 = dict.fromkeys([\n"
        "    'publish_a_chart_of_prepayment_share_by_decile_with_the_attribution',\n"
        "    'publish_ward_totals_from_the_meter_table_beside_the_lsoa_extract',\n"
        "    'fill_suppressed_cells_with_the_ward_average_before_publishing',\n"
        "    'send_the_meter_table_to_a_housing_association_running_a_warm_homes_scheme',\n"
        "    'publish_the_number_of_meters_in_a_suppressed_area',\n"
        "    'leave_the_attribution_off_a_briefing_for_the_cabinet_member',\n"
        "    'publish_the_median_use_of_each_fuel_in_each_decile',\n"
        "    'use_the_extract_to_choose_streets_for_a_council_tax_recovery_campaign'], False)\n"
        "for allowed in ['publish_a_chart_of_prepayment_share_by_decile_with_the_attribution',\n"
        "                'publish_the_number_of_meters_in_a_suppressed_area',\n"
        "                'publish_the_median_use_of_each_fuel_in_each_decile']:\n"
        "    answer_q7[allowed] = True",
    ],
}

#: exercise -> answer-cell code with the mistakes learners really make, which must FAIL.
WRONG = {
    "q1": [
        # every area, not only the suppressed ones
        "answer_q1 = extract.groupby('FUEL').agg(areas=('LSOA_CD', 'size'), meters=('METERS', 'sum'))",
        # the meters counted instead of added up
        "hidden = extract[extract['TOTAL_KWH'].isna()]\n"
        "answer_q1 = hidden.groupby('FUEL').agg(areas=('LSOA_CD', 'size'), meters=('METERS', 'count'))",
        # .notna() for .isna(): the published areas
        "shown = extract[extract['TOTAL_KWH'].notna()]\n"
        "answer_q1 = shown.groupby('FUEL').agg(areas=('LSOA_CD', 'size'), meters=('METERS', 'sum'))",
    ],
    "q2": [
        # the per cent that is published
        "true_total = meters.groupby('fuel')['annual_kwh'].sum()\n"
        "published = extract.groupby('FUEL')['TOTAL_KWH'].sum().rename({'ELEC': 'Electricity', 'GAS': 'Gas'})\n"
        "answer_q2 = published / true_total * 100",
        # the per cent of meters in suppressed areas, not of kWh
        "hidden = extract[extract['TOTAL_KWH'].isna()]\n"
        "answer_q2 = hidden.groupby('FUEL')['METERS'].sum() / extract.groupby('FUEL')['METERS'].sum() * 100",
        # the published total as the base
        "true_total = meters.groupby('fuel')['annual_kwh'].sum()\n"
        "published = extract.groupby('FUEL')['TOTAL_KWH'].sum().rename({'ELEC': 'Electricity', 'GAS': 'Gas'})\n"
        "answer_q2 = (true_total - published) / published * 100",
        # the labels never matched: ELEC minus Electricity is NaN
        "answer_q2 = (meters.groupby('fuel')['annual_kwh'].sum() - extract.groupby('FUEL')['TOTAL_KWH'].sum()) \\\n"
        "    / meters.groupby('fuel')['annual_kwh'].sum() * 100",
    ],
    "q3": [
        # wards with exactly one suppressed area
        "joined = extract.merge(lsoas[['lsoa_code', 'ward_code']], left_on='LSOA_CD', right_on='lsoa_code')\n"
        "counts = joined[joined['TOTAL_KWH'].isna()].groupby(['ward_code', 'FUEL']).size()\n"
        "answer_q3 = counts[counts == 1]",
        # 5 meters counted as at risk
        "joined = extract.merge(lsoas[['lsoa_code', 'ward_code']], left_on='LSOA_CD', right_on='lsoa_code')\n"
        "per_ward = joined[joined['TOTAL_KWH'].isna()].groupby(['ward_code', 'FUEL'])['METERS'].sum()\n"
        "answer_q3 = per_ward[per_ward <= 5]",
        # every ward with a suppressed area
        "joined = extract.merge(lsoas[['lsoa_code', 'ward_code']], left_on='LSOA_CD', right_on='lsoa_code')\n"
        "answer_q3 = joined[joined['TOTAL_KWH'].isna()][['ward_code', 'FUEL']].drop_duplicates()",
    ],
    "q4": [
        # a fraction, not a per cent
        "joined = meters.merge(lsoas[['lsoa_code', 'imd_decile']], on='lsoa_code')\n"
        "answer_q4 = joined.groupby('imd_decile')['prepayment'].mean()",
        # how the prepayment meters split between the deciles
        "joined = meters.merge(lsoas[['lsoa_code', 'imd_decile']], on='lsoa_code')\n"
        "answer_q4 = joined[joined['prepayment']]['imd_decile'].value_counts(normalize=True) * 100",
        # electricity meters only
        "joined = meters.merge(lsoas[['lsoa_code', 'imd_decile']], on='lsoa_code')\n"
        "electric = joined[joined['fuel'] == 'Electricity']\n"
        "answer_q4 = electric.groupby('imd_decile')['prepayment'].mean() * 100",
        # the average of the areas' shares
        "joined = meters.merge(lsoas[['lsoa_code', 'imd_decile']], on='lsoa_code')\n"
        "per_area = joined.groupby(['imd_decile', 'lsoa_code'])['prepayment'].mean() * 100\n"
        "answer_q4 = per_area.groupby('imd_decile').mean()",
    ],
    "q5": [
        # means, not medians
        "joined = meters.merge(lsoas[['lsoa_code', 'imd_decile']], on='lsoa_code')\n"
        "answer_q5 = joined.groupby(['imd_decile', 'fuel'])['annual_kwh'].mean().unstack()",
        # the median of the extract's medians
        "joined = extract.merge(lsoas, left_on='LSOA_CD', right_on='lsoa_code')\n"
        "answer_q5 = joined.groupby(['imd_decile', 'FUEL'])['MEDIAN_KWH'].median().unstack()",
        # the fuels mixed together
        "joined = meters.merge(lsoas[['lsoa_code', 'imd_decile']], on='lsoa_code')\n"
        "answer_q5 = joined.groupby('imd_decile')['annual_kwh'].median()",
    ],
    "q6": [
        # the deciles sorted by value, smallest first, not in decile order
        "ranked = answer_q4.sort_values()\n"
        "fig, ax = plt.subplots()\n"
        "ax.bar(ranked.index.astype(str), ranked.values)\n"
        "ax.set(title='Prepayment meters by decile', xlabel='IMD decile (1 = most deprived)', ylabel='% of meters')\n"
        "answer_q6 = ax",
        # both fuels in one chart: twenty bars
        "ax = answer_q5.plot.bar(title='Median use by decile', xlabel='IMD decile', ylabel='kWh a year')\n"
        "answer_q6 = ax",
        # consumption without saying which fuel
        "fig, ax = plt.subplots()\n"
        "ax.bar(answer_q5.index, answer_q5['Gas'].values)\n"
        "ax.set(title='Median use per meter', xlabel='IMD decile (1 = most deprived)', ylabel='Median kWh a year')\n"
        "answer_q6 = ax",
        # no unit on the value axis
        "fig, ax = plt.subplots()\n"
        "ax.bar(answer_q4.index, answer_q4.values)\n"
        "ax.set(title='Prepayment meters by decile', xlabel='IMD decile (1 = most deprived)', ylabel='Prepayment')\n"
        "answer_q6 = ax",
    ],
    "q7": [
        # ward totals thought harmless, since they come from the council's own sums
        "answer_q7 = {\n"
        "    'publish_a_chart_of_prepayment_share_by_decile_with_the_attribution': True,\n"
        "    'publish_ward_totals_from_the_meter_table_beside_the_lsoa_extract': True,\n"
        "    'fill_suppressed_cells_with_the_ward_average_before_publishing': False,\n"
        "    'send_the_meter_table_to_a_housing_association_running_a_warm_homes_scheme': False,\n"
        "    'publish_the_number_of_meters_in_a_suppressed_area': True,\n"
        "    'leave_the_attribution_off_a_briefing_for_the_cabinet_member': False,\n"
        "    'publish_the_median_use_of_each_fuel_in_each_decile': True,\n"
        "    'use_the_extract_to_choose_streets_for_a_council_tax_recovery_campaign': False,\n"
        "}",
        # meter counts thought suppressed too, and the partner thought covered by the purpose
        "answer_q7 = {\n"
        "    'publish_a_chart_of_prepayment_share_by_decile_with_the_attribution': True,\n"
        "    'publish_ward_totals_from_the_meter_table_beside_the_lsoa_extract': False,\n"
        "    'fill_suppressed_cells_with_the_ward_average_before_publishing': False,\n"
        "    'send_the_meter_table_to_a_housing_association_running_a_warm_homes_scheme': True,\n"
        "    'publish_the_number_of_meters_in_a_suppressed_area': False,\n"
        "    'leave_the_attribution_off_a_briefing_for_the_cabinet_member': False,\n"
        "    'publish_the_median_use_of_each_fuel_in_each_decile': True,\n"
        "    'use_the_extract_to_choose_streets_for_a_council_tax_recovery_campaign': False,\n"
        "}",
    ],
}

#: The exercises whose first WRONG entry generated submissions use: not questions 4 and 5, which the chart builds on.
SUBMISSION_MISTAKES = ("q1", "q2", "q3", "q7")
