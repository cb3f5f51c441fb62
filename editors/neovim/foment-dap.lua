-- Debugging Scheme with nvim-dap (https://github.com/mfussenegger/nvim-dap) and `foment-ls dap`.
--
-- Put this file in ~/.config/nvim/plugin/ next to foment-ls.lua. Then, in a Scheme buffer,
-- :lua require('dap').continue() debugs the current file (breakpoints: :lua
-- require('dap').toggle_breakpoint()). Which nvim-dap: on Neovim 0.7 (Debian 12's), nvim-dap
-- 0.6.0 is the last release that supports it (0.7.0 needs Neovim 0.8); on a newer Neovim, the
-- latest release. The same vim.g.foment_ls_path, foment_ls_log and foment_ls_trace as
-- foment-ls.lua apply.
local ok, dap = pcall(require, 'dap')
if not ok then
  return
end

local function args()
  local a = { 'dap' }
  if vim.g.foment_ls_log and vim.g.foment_ls_log ~= '' then
    vim.list_extend(a, { '--log', vim.g.foment_ls_log, '--trace', vim.g.foment_ls_trace or 'messages' })
  end
  return a
end

dap.adapters.foment = function(callback, config)
  if config.request == 'attach' then
    -- An adapter started elsewhere with `foment-ls dap --listen 127.0.0.1:PORT`.
    callback({ type = 'server', host = config.host or '127.0.0.1', port = config.port })
  else
    callback({ type = 'executable', command = vim.g.foment_ls_path or 'foment-ls', args = args() })
  end
end

dap.configurations.scheme = {
  {
    type = 'foment',
    request = 'launch',
    name = 'Debug this Scheme file',
    program = '${file}',
    cwd = '${fileDirname}', -- the program runs in its own folder, as `foment-ls run` would from there
  },
  {
    type = 'foment',
    request = 'launch',
    name = 'Debug with arguments',
    program = '${file}',
    cwd = '${fileDirname}',
    args = function()
      return vim.split(vim.fn.input('Arguments: '), ' ', { trimempty = true })
    end,
  },
  {
    type = 'foment',
    request = 'attach',
    name = 'Attach to foment-ls dap --listen 127.0.0.1:4711',
    host = '127.0.0.1',
    port = 4711,
  },
}
