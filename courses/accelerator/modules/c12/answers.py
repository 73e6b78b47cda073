"""Right and wrong answers to c12's questions, which `academy validate` judges (right ones build the mix, scale,
choose k and profile other ways; wrong ones keep counts, divide the wrong way, cluster counts, choose a k out of
range, or profile the scaled values)."""

RIGHT = {
    "q1": [
        # counts per ward and type, unstacked, each row divided by its total
        "counts = requests.groupby(['ward_code', 'request_type'], observed=True).size().unstack(fill_value=0)\n"
        "answer_q1 = counts.div(counts.sum(axis=1), axis=0)",
        # value_counts with normalize inside each ward
        "answer_q1 = requests.groupby('ward_code')['request_type'].value_counts(normalize=True).unstack(fill_value=0)",
        # a pivot table of counts with ward_code kept as a column
        "counts = requests.pivot_table(index='ward_code', columns='request_type', values='request_id',\n"
        "                              aggfunc='count', fill_value=0, observed=True)\n"
        "answer_q1 = (counts.T / counts.sum(axis=1)).T.reset_index()",
    ],
    "q2": [
        # a pipeline that scales and clusters in one go, k = 2
        "from sklearn.pipeline import make_pipeline\n"
        "pipe = make_pipeline(StandardScaler(), KMeans(n_clusters=2, n_init=10, random_state=1))\n"
        "answer_q2 = pd.Series(pipe.fit_predict(answer_q1), index=answer_q1.index)",
        # z-scores by hand, k = 3, the clusters named by letters
        "z = (answer_q1 - answer_q1.mean()) / answer_q1.std()\n"
        "km = KMeans(n_clusters=3, n_init=10, random_state=0).fit(z)\n"
        "answer_q2 = pd.Series(km.labels_, index=z.index).map({0: 'A', 1: 'B', 2: 'C'})",
        # k = 6, a two-column table of ward and segment
        "x = StandardScaler().fit_transform(answer_q1)\n"
        "km = KMeans(n_clusters=6, n_init=10, random_state=0).fit(x)\n"
        "answer_q2 = pd.DataFrame({'ward_code': answer_q1.index, 'segment': km.labels_})",
    ],
    "q3": [
        # the labels added as a column, grouped by name
        "answer_q3 = answer_q1.assign(segment=answer_q2).groupby('segment').mean()",
        # a pivot table of the mix with the labels joined, columns in alphabetical order
        "answer_q3 = answer_q1.join(answer_q2.rename('seg')).pivot_table(index='seg', aggfunc='mean')",
        # every request of a segment pooled: the segment's own mix
        "seg_of_request = requests['ward_code'].map(answer_q2)\n"
        "answer_q3 = pd.crosstab(seg_of_request, requests['request_type'], normalize='index')",
    ],
}

WRONG = {
    "q1": [
        # counts, not shares
        "answer_q1 = pd.crosstab(requests['ward_code'], requests['request_type'])",
        # each column divided by its total
        "answer_q1 = pd.crosstab(requests['ward_code'], requests['request_type'], normalize='columns')",
        # the whole table divided by its total
        "answer_q1 = pd.crosstab(requests['ward_code'], requests['request_type'], normalize='all')",
        # percentages
        "answer_q1 = pd.crosstab(requests['ward_code'], requests['request_type'], normalize='index') * 100",
    ],
    "q2": [
        # the counts clustered: big wards together
        "counts = pd.crosstab(requests['ward_code'], requests['request_type'])\n"
        "answer_q2 = pd.Series(KMeans(n_clusters=4, n_init=10, random_state=0).fit_predict(counts),"
        " index=counts.index)",
        # more clusters than the range allows
        "x = StandardScaler().fit_transform(answer_q1)\n"
        "answer_q2 = pd.Series(KMeans(n_clusters=10, n_init=10, random_state=0).fit_predict(x), index=answer_q1.index)",
        # the labels without their wards
        "x = StandardScaler().fit_transform(answer_q1)\n"
        "answer_q2 = KMeans(n_clusters=3, n_init=10, random_state=0).fit_predict(x)",
    ],
    "q3": [
        # the scaled values averaged
        "x = pd.DataFrame(StandardScaler().fit_transform(answer_q1), index=answer_q1.index,"
        " columns=answer_q1.columns)\n"
        "answer_q3 = x.groupby(answer_q2).mean()",
        # medians
        "answer_q3 = answer_q1.groupby(answer_q2).median()",
        # how many wards in each segment
        "answer_q3 = answer_q2.value_counts()",
    ],
}
