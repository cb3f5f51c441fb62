-- Debugging with nvim-dap (https://github.com/mfussenegger/nvim-dap): put this file in
-- ~/.config/nvim/plugin/ next to foment-ls.lua. :DapContinue (or require('dap').continue())
-- debugs the current Scheme file with `foment-ls dap`.
local ok, dap = pcall(require, 'dap')
if not ok then
  return
end
dap.adapters.foment = {
  type = 'executable',
  command = vim.g.foment_ls_path or 'foment-ls',
  args = { 'dap' },
}
dap.configurations.scheme = {
  {
    type = 'foment',
    request = 'launch',
    name = 'Debug this Scheme file',
    program = '${file}',
  },
  {
    type = 'foment',
    request = 'launch',
    name = 'Debug with arguments',
    program = '${file}',
    args = function()
      return vim.split(vim.fn.input('Arguments: '), ' ', { trimempty = true })
    end,
  },
}
