-- foment-ls for Neovim (0.7 and later): put this file in ~/.config/nvim/plugin/ or require it
-- from init.lua. It starts `foment-ls lsp` for Scheme buffers.
local function root(fname)
  local found = vim.fn.finddir('.git', vim.fn.fnamemodify(fname, ':p:h') .. ';')
  if found ~= '' then
    return vim.fn.fnamemodify(found, ':p:h:h')
  end
  return vim.fn.fnamemodify(fname, ':p:h')
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'scheme',
  callback = function(args)
    local fname = vim.api.nvim_buf_get_name(args.buf)
    local client = vim.lsp.start_client({
      name = 'foment-ls',
      cmd = { vim.g.foment_ls_path or 'foment-ls', 'lsp' },
      root_dir = root(fname),
    })
    if client then
      vim.lsp.buf_attach_client(args.buf, client)
    end
  end,
})

-- .sld and .sls are Scheme too.
vim.filetype = vim.filetype or {}
vim.cmd([[autocmd BufRead,BufNewFile *.sld,*.sls setfiletype scheme]])
