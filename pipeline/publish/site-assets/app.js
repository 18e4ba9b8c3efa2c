// Progressive enhancement for the dataset pages: sortable columns, a text filter and a reviewed-only
// switch per table, and the entity search box. Everything else works without JavaScript.
for (const section of document.querySelectorAll('[data-table]')) {
  const table = section.querySelector(`#${section.dataset.table}-table`)
  const body = table.tBodies[0]
  const input = section.querySelector('input[type=search]')
  const reviewedOnly = section.querySelector('[data-reviewed-only]')
  const count = section.querySelector('[data-count]')
  const rows = () => Array.from(body.rows)
  const update = () => {
    const q = input.value.trim().toLowerCase()
    const onlyReviewed = reviewedOnly?.checked ?? false
    let shown = 0
    for (const row of rows()) {
      const hit = (q === '' || row.textContent.toLowerCase().includes(q)) && !(onlyReviewed && row.dataset.tier === 'machine')
      row.hidden = !hit
      if (hit) shown++
    }
    count.textContent = `${shown} of ${rows().length} rows`
  }
  input.addEventListener('input', update)
  if (reviewedOnly) {
    reviewedOnly.closest('label').hidden = false
    reviewedOnly.addEventListener('change', update)
  }
  table.querySelectorAll('th button').forEach((button, col) => {
    button.addEventListener('click', () => {
      const th = button.closest('th')
      const ascending = th.getAttribute('aria-sort') !== 'ascending'
      for (const h of table.querySelectorAll('th')) h.removeAttribute('aria-sort')
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending')
      const key = (row) => row.cells[col].dataset.sort ?? row.cells[col].textContent.trim()
      const sorted = rows().sort((a, b) => {
        const x = key(a)
        const y = key(b)
        // rows with no value (undated, no amount) stay last in either direction
        if ((x === '') !== (y === '')) return x === '' ? 1 : -1
        const nx = Number(x)
        const ny = Number(y)
        const cmp = x !== '' && y !== '' && !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y)
        return ascending ? cmp : -cmp
      })
      for (const row of sorted) body.appendChild(row)
    })
  })
  update()
}

// The entity search: search-index.js sets window.FENGKOU_ENTITIES; results are built as DOM nodes, never as HTML.
const form = document.querySelector('form.entity-search')
if (form && Array.isArray(window.FENGKOU_ENTITIES)) {
  const entities = window.FENGKOU_ENTITIES
  const input = form.querySelector('input')
  const list = form.querySelector('ul')
  const count = form.querySelector('[aria-live]')
  const root = form.dataset.root
  form.hidden = false
  const show = () => {
    const q = input.value.trim().toLowerCase()
    list.replaceChildren()
    if (q === '') {
      count.textContent = ''
      return
    }
    const hits = entities.filter((e) => e.keys.includes(q)).sort((a, b) => b.records - a.records || a.id.localeCompare(b.id))
    count.textContent = `${hits.length} of ${entities.length} entities`
    for (const e of hits.slice(0, 20)) {
      const li = document.createElement('li')
      const a = document.createElement('a')
      a.href = `${root}entities/${e.id}.html`
      a.textContent = e.name
      const small = document.createElement('small')
      small.textContent = ` ${e.type} · ${e.records} record(s)`
      li.append(a, small)
      list.append(li)
    }
  }
  input.addEventListener('input', show)
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') list.querySelector('a')?.click()
  })
}
