"""Right and wrong answers to c05's questions, which `academy validate` judges (right ones clean, total and join
other ways; wrong ones trip over the text, the commas, counts and averages as newcomers do)."""

RIGHT = {
    "q1": [
        # one replace that takes out both characters (a pattern), then whole numbers
        "answer_q1 = rates['rateable_value'].str.replace('[£,]', '', regex=True).astype(int)",
        # strip the pound sign from the front, then the commas, as floats
        "answer_q1 = rates['rateable_value'].str.lstrip('£').str.replace(',', '').astype(float)",
        # the file read again, telling pandas the commas are thousands separators
        "again = pd.read_csv(path, converters={'rateable_value': lambda t: int(t.strip('£').replace(',', ''))})\n"
        "answer_q1 = again['rateable_value']",
        # row by row with apply
        "answer_q1 = rates['rateable_value'].apply(lambda text: float(text.replace('£', '').replace(',', '')))",
    ],
    "q2": [
        # the cleaned values grouped by the category column directly, largest first
        "answer_q2 = answer_q1.groupby(rates['category']).sum().sort_values(ascending=False)",
        # a pivot table
        "answer_q2 = rates.pivot_table(index='category', values='rv', aggfunc='sum')['rv']",
        # a one-column table rather than a Series
        "answer_q2 = rates.assign(value=answer_q1).groupby('category')[['value']].sum()",
    ],
    "q3": [
        # totals per code first, then the names joined on, nlargest; extra columns kept
        "per_code = rates.groupby('ward_code')['rv'].sum().reset_index(name='total_rateable_value')\n"
        "answer_q3 = per_code.merge(wards, on='ward_code').nlargest(5, 'total_rateable_value')",
        # names looked up with map, columns in the other order
        "names = dict(zip(wards['ward_code'], wards['ward_name']))\n"
        "table = rates.assign(ward_name=rates['ward_code'].map(names))\n"
        "totals = table.groupby('ward_name', as_index=False).agg(total_rateable_value=('rv', 'sum'))\n"
        "answer_q3 = totals.sort_values('total_rateable_value', ascending=False).head(5)"
        "[['total_rateable_value', 'ward_name']]",
        # the cleaned values themselves grouped, as whole numbers, a fresh index
        "named = rates.assign(v=answer_q1.astype(int)).merge(wards, on='ward_code')\n"
        "answer_q3 = (named.groupby('ward_name')['v'].sum().nlargest(5)\n"
        "             .reset_index(name='total_rateable_value'))",
    ],
}

WRONG = {
    "q1": [
        # still text: the pound sign gone, the commas left in
        "answer_q1 = rates['rateable_value'].str.replace('£', '')",
        # errors='coerce' with the commas left in: every value of £1,000 or more becomes a blank
        "answer_q1 = pd.to_numeric(rates['rateable_value'].str.replace('£', ''), errors='coerce')",
        # coerce on the raw text: every value a blank
        "answer_q1 = pd.to_numeric(rates['rateable_value'], errors='coerce')",
        # the total instead of the column
        "answer_q1 = pd.to_numeric(rates['rateable_value'].str.replace('£', '').str.replace(',', '')).sum()",
        # in thousands of pounds
        "answer_q1 = rates['rateable_value'].str.replace('[£,]', '', regex=True).astype(int) / 1000",
    ],
    "q2": [
        # the mean per category
        "answer_q2 = rates.groupby('category')['rv'].mean()",
        # the number of properties per category
        "answer_q2 = rates.groupby('category')['rv'].count()",
        # only the occupied properties
        "answer_q2 = rates[rates['occupied']].groupby('category')['rv'].sum()",
        # the text column 'added up': glued text, not totals
        "answer_q2 = rates.groupby('category')['rateable_value'].sum()",
    ],
    "q3": [
        # ranked by the number of properties
        "named = rates.merge(wards, on='ward_code')\n"
        "answer_q3 = (named.groupby('ward_name').size().reset_index(name='total_rateable_value')\n"
        "             .nlargest(5, 'total_rateable_value'))",
        # the five smallest: ascending=False forgotten
        "named = rates.merge(wards, on='ward_code')\n"
        "totals = named.groupby('ward_name')['rv'].sum().reset_index(name='total_rateable_value')\n"
        "answer_q3 = totals.sort_values('total_rateable_value').head(5)",
        # the ward codes, never joined to their names
        "totals = rates.groupby('ward_code')['rv'].sum().reset_index(name='total_rateable_value')\n"
        "answer_q3 = totals.nlargest(5, 'total_rateable_value')",
        # the average per ward
        "named = rates.merge(wards, on='ward_code')\n"
        "answer_q3 = (named.groupby('ward_name')['rv'].mean().reset_index(name='total_rateable_value')\n"
        "             .nlargest(5, 'total_rateable_value'))",
    ],
}
