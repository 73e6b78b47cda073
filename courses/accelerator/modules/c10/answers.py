"""Right and wrong answers to c10's questions, which `academy validate` judges (right ones count, rename and
join other ways; wrong ones count the published cells, guess the rule, forget the fuels' two spellings, or join
on the LSOA alone)."""

RIGHT = {
    "q1": [
        # the empty rows kept, then counted per fuel with value_counts
        "answer_q1 = extract[extract['TOTAL_KWH'].isna()]['FUEL'].value_counts()",
        # the supplier's rule, fewer than 5 meters, counted per fuel with the meter table's names
        "small = extract[extract['METERS'] < 5]\n"
        "answer_q1 = small.groupby('FUEL').size().rename({'ELEC': 'Electricity', 'GAS': 'Gas'})",
        # a dict built by hand for each fuel
        "answer_q1 = {fuel: int(extract.loc[extract['FUEL'] == fuel, 'MEAN_KWH'].isna().sum())\n"
        "             for fuel in ['ELEC', 'GAS']}",
    ],
    "q2": [
        # the meter table's fuels renamed with replace, both totals side by side in one table
        "m = meters.assign(FUEL=meters['fuel'].astype(str).replace({'Electricity': 'ELEC', 'Gas': 'GAS'}))\n"
        "both = pd.DataFrame({'meters': m.groupby('FUEL')['annual_kwh'].sum(),\n"
        "                     'published': extract.groupby('FUEL')['TOTAL_KWH'].sum()})\n"
        "answer_q2 = both['meters'] - both['published']",
        # the extract's codes renamed to the meter table's names instead
        "published = extract.groupby('FUEL')['TOTAL_KWH'].sum().rename({'ELEC': 'Electricity', 'GAS': 'Gas'})\n"
        "answer_q2 = meters.groupby('fuel', observed=True)['annual_kwh'].sum() - published",
        # empty cells filled with 0 first, a dict per fuel
        "filled = extract.fillna({'TOTAL_KWH': 0})\n"
        "answer_q2 = {code: meters.loc[meters['fuel'] == name, 'annual_kwh'].sum()\n"
        "                   - filled.loc[filled['FUEL'] == code, 'TOTAL_KWH'].sum()\n"
        "             for name, code in [('Electricity', 'ELEC'), ('Gas', 'GAS')]}",
    ],
    "q3": [
        # the suppressed cells as a list of (LSOA, fuel) pairs, meters kept with isin on a combined key
        "hidden = extract[extract['TOTAL_KWH'].isna()]\n"
        "keys = set(hidden['LSOA_CD'] + '|' + hidden['FUEL'])\n"
        "code = meters['fuel'].astype(str).map({'Electricity': 'ELEC', 'Gas': 'GAS'})\n"
        "mine = meters[(meters['lsoa_code'] + '|' + code).isin(keys)]\n"
        "answer_q3 = mine.groupby('fuel', observed=True)['annual_kwh'].sum()",
        # an inner merge with only the suppressed cells, the extract's fuel names changed instead
        "hidden = extract.loc[extract['TOTAL_KWH'].isna(), ['LSOA_CD', 'FUEL']].copy()\n"
        "hidden['fuel'] = hidden['FUEL'].map({'ELEC': 'Electricity', 'GAS': 'Gas'})\n"
        "m = meters.assign(fuel=meters['fuel'].astype(str))\n"
        "inside = m.merge(hidden, left_on=['lsoa_code', 'fuel'], right_on=['LSOA_CD', 'fuel'])\n"
        "answer_q3 = inside.groupby('fuel')['annual_kwh'].sum()",
        # the meters' own cells rebuilt with groupby, suppression read from their count
        "per_cell = meters.groupby(['lsoa_code', 'fuel'], observed=True)['annual_kwh'].agg(['size', 'sum'])\n"
        "answer_q3 = per_cell[per_cell['size'] < 5].groupby(level='fuel', observed=True)['sum'].sum()",
    ],
}

WRONG = {
    "q1": [
        # the published cells counted
        "answer_q1 = extract['TOTAL_KWH'].notna().groupby(extract['FUEL']).sum()",
        # the rule guessed as 5 or fewer
        "answer_q1 = (extract['METERS'] <= 5).groupby(extract['FUEL']).sum()",
        # every empty cell, three per LSOA
        "answer_q1 = extract.isna().sum(axis=1).groupby(extract['FUEL']).sum()",
        # one number for both fuels
        "answer_q1 = extract['TOTAL_KWH'].isna().sum()",
    ],
    "q2": [
        # the labels never matched: ELEC, Electricity, GAS, Gas, all blank
        "answer_q2 = meters.groupby('fuel', observed=True)['annual_kwh'].sum() - "
        "extract.groupby('FUEL')['TOTAL_KWH'].sum()",
        # the wrong way round
        "published = extract.groupby('FUEL')['TOTAL_KWH'].sum()\n"
        "from_meters = meters.groupby('fuel', observed=True)['annual_kwh'].sum()\n"
        "from_meters.index = from_meters.index.map({'Electricity': 'ELEC', 'Gas': 'GAS'})\n"
        "answer_q2 = published - from_meters",
        # the meter table's total, not the gap
        "answer_q2 = meters.groupby('fuel', observed=True)['annual_kwh'].sum()",
    ],
    "q3": [
        # matched on the LSOA alone
        "hidden_lsoas = extract.loc[extract['TOTAL_KWH'].isna(), 'LSOA_CD']\n"
        "answer_q3 = meters[meters['lsoa_code'].isin(hidden_lsoas)].groupby('fuel', observed=True)['annual_kwh'].sum()",
        # meters counted, not their kWh
        "cells = meters.assign(FUEL=meters['fuel'].astype(str).map({'Electricity': 'ELEC', 'Gas': 'GAS'}))\n"
        "cells = cells.merge(extract, left_on=['lsoa_code', 'FUEL'], right_on=['LSOA_CD', 'FUEL'])\n"
        "answer_q3 = cells[cells['TOTAL_KWH'].isna()].groupby('FUEL').size()",
        # the published cells' meters
        "cells = meters.assign(FUEL=meters['fuel'].astype(str).map({'Electricity': 'ELEC', 'Gas': 'GAS'}))\n"
        "cells = cells.merge(extract, left_on=['lsoa_code', 'FUEL'], right_on=['LSOA_CD', 'FUEL'])\n"
        "answer_q3 = cells[cells['TOTAL_KWH'].notna()].groupby('FUEL')['annual_kwh'].sum()",
    ],
}
