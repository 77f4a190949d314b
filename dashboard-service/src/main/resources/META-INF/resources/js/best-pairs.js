// The ranked best pairs (hedges and diversifiers) with their categories and reasons.
const CATEGORY_NAMES = {
  highly_correlated: 'highly correlated',
  moderately_correlated: 'moderately correlated',
  negatively_correlated: 'negatively correlated',
  uncorrelated: 'uncorrelated',
};

export function renderBestPairs(list, frame, limit = 12) {
  list.replaceChildren();
  const best = frame.best_pairs || [];
  if (best.length === 0) {
    list.innerHTML = '<li class="empty">no ranking cached yet</li>';
    return;
  }
  for (const b of best.slice(0, limit)) {
    const li = document.createElement('li');
    const r = Number(b.correlation);
    li.innerHTML = `<span class="r ${r < 0 ? 'down' : 'up'}">${r >= 0 ? '+' : ''}${r.toFixed(3)}</span>`
      + `<b>${b.pair_a} / ${b.pair_b}</b><span class="cat"></span><span class="reason"></span>`;
    li.querySelector('.cat').textContent = CATEGORY_NAMES[b.category] || b.category;
    li.querySelector('.reason').textContent = b.reason || '';
    list.appendChild(li);
  }
}
