// Progressive enhancement for the dataset page: sortable columns and a text filter per table.
// Everything else on the page works without JavaScript.
for (const section of document.querySelectorAll('[data-table]')) {
  const table = section.querySelector('table')
  const body = table.tBodies[0]
  const input = section.querySelector('input[type=search]')
  const count = section.querySelector('[data-count]')
  const rows = () => Array.from(body.rows)
  const update = () => {
    const q = input.value.trim().toLowerCase()
    let shown = 0
    for (const row of rows()) {
      const hit = q === '' || row.textContent.toLowerCase().includes(q)
      row.hidden = !hit
      if (hit) shown++
    }
    count.textContent = `${shown} of ${rows().length} rows`
  }
  input.addEventListener('input', update)
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
