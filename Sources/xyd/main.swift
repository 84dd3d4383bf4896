import App
import DevTools
import Foundation

exit(await Xyd.main(extraCommands: ["bench": BenchCommand()]))
