"""Right and wrong answers to c06's questions, which `academy validate` judges (right ones rename, filter and count
other ways; wrong ones stack unrenamed columns, keep repeats or the totals row, and count two spellings apart)."""

RIGHT = {
    "q1": [
        # columns set by position, the totals row found by its missing waste type, council codes as the label
        "b = bolton[['Incident Ref', 'Waste Type']].drop_duplicates()\n"
        "s = salford[['ref', 'waste']].dropna().drop_duplicates()\n"
        "b.columns = ['incident_ref', 'waste_type']\n"
        "s.columns = ['incident_ref', 'waste_type']\n"
        "b['council'] = 'E08000001'\n"
        "s['council'] = 'E08000006'\n"
        "answer_q1 = pd.concat([b, s])",
        # a fresh table built from each council's columns, the totals row left out by its label
        "parts = [pd.DataFrame({'council': 'Bolton', 'incident_ref': bolton['Incident Ref'],\n"
        "                       'waste_type': bolton['Waste Type']}),\n"
        "         pd.DataFrame({'council': 'Salford', 'incident_ref': salford['ref'],\n"
        "                       'waste_type': salford['waste']})]\n"
        "answer_q1 = pd.concat(parts, ignore_index=True).query(\"incident_ref != 'Total'\").drop_duplicates()",
        # repeats dropped by reference, waste types already tidied
        "names = {'Incident Ref': 'incident_ref', 'Waste Type': 'waste_type', 'ref': 'incident_ref',\n"
        "         'waste': 'waste_type'}\n"
        "b = bolton.rename(columns=names).assign(council='Bolton')\n"
        "s = salford.rename(columns=names).assign(council='Salford')\n"
        "s = s[~s['incident_ref'].str.contains('Total')]\n"
        "both = pd.concat([b, s])[['council', 'incident_ref', 'waste_type']]\n"
        "answer_q1 = both.drop_duplicates(subset='incident_ref')\n"
        "answer_q1['waste_type'] = answer_q1['waste_type'].str.capitalize()",
    ],
    "q2": [
        # a grid with the councils as columns, tidied to lower case
        "answer_q2 = pd.crosstab(answer_q1['waste_type'].str.lower(), answer_q1['council'])",
        # value_counts on two columns: the waste type first, then the council
        "tidy = answer_q1.assign(waste_type=answer_q1['waste_type'].str.capitalize())\n"
        "answer_q2 = tidy[['waste_type', 'council']].value_counts()",
        # a long table with a count column
        "tidy = answer_q1.assign(waste_type=answer_q1['waste_type'].str.title())\n"
        "answer_q2 = tidy.groupby(['council', 'waste_type']).size().reset_index(name='incidents')",
        # a pivot table with totals (margins) the check leaves aside
        "tidy = answer_q1.assign(waste_type=answer_q1['waste_type'].str.upper(), n=1)\n"
        "answer_q2 = tidy.pivot_table(index='waste_type', columns='council', values='n', aggfunc='sum',\n"
        "                             margins=True)",
    ],
}

WRONG = {
    "q1": [
        # stacked without renaming: the columns side by side, half empty
        "answer_q1 = pd.concat([bolton.assign(council='Bolton'), salford.assign(council='Salford')])",
        # the repeated rows kept
        "b = bolton.rename(columns={'Incident Ref': 'incident_ref', 'Waste Type': 'waste_type'})\n"
        "s = salford.rename(columns={'ref': 'incident_ref', 'waste': 'waste_type'})\n"
        "s = s[s['incident_ref'] != 'Total']\n"
        "answer_q1 = pd.concat([b.assign(council='Bolton'), s.assign(council='Salford')])"
        "[['council', 'incident_ref', 'waste_type']]",
        # Salford's totals row kept
        "b = bolton.rename(columns={'Incident Ref': 'incident_ref', 'Waste Type': 'waste_type'})\n"
        "s = salford.rename(columns={'ref': 'incident_ref', 'waste': 'waste_type'})\n"
        "answer_q1 = (pd.concat([b.assign(council='Bolton'), s.assign(council='Salford')])\n"
        "             [['council', 'incident_ref', 'waste_type']].drop_duplicates())",
        # Salford's waste column never renamed: its rows have no waste type
        "b = bolton.rename(columns={'Incident Ref': 'incident_ref', 'Waste Type': 'waste_type'})\n"
        "s = salford.rename(columns={'ref': 'incident_ref'})\n"
        "s = s[s['incident_ref'] != 'Total']\n"
        "answer_q1 = (pd.concat([b.assign(council='Bolton'), s.assign(council='Salford')])\n"
        "             [['council', 'incident_ref', 'waste_type']].drop_duplicates())",
    ],
    "q2": [
        # the spellings left as each council wrote them: every waste type counted twice
        "answer_q2 = answer_q1.groupby(['council', 'waste_type']).size()",
        # the repeated rows counted again, from the publications as they came
        "b = bolton.rename(columns={'Waste Type': 'waste_type'}).assign(council='Bolton')\n"
        "s = salford.rename(columns={'waste': 'waste_type'}).assign(council='Salford').dropna(subset=['waste_type'])\n"
        "both = pd.concat([b, s])\n"
        "answer_q2 = pd.crosstab(both['council'], both['waste_type'].str.capitalize())",
        # one council only
        "bolton_only = answer_q1[answer_q1['council'] == 'Bolton']\n"
        "answer_q2 = bolton_only.groupby(['council', 'waste_type']).size()",
        # the waste types alone, the councils added together
        "answer_q2 = answer_q1['waste_type'].str.capitalize().value_counts()",
    ],
}
