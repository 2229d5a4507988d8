using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lucy.Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PolicySettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "StepUpVerifiedAt",
                table: "UserSessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StepUpMinutes",
                table: "AdvancedSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TwoFactorAdministratorGraceDays",
                table: "AdvancedSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TwoFactorEveryoneGraceDays",
                table: "AdvancedSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TwoFactorRequiredFor",
                table: "AdvancedSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "TwoFactorClocks",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequiredSince = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TwoFactorClocks", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_TwoFactorClocks_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TwoFactorClocks");

            migrationBuilder.DropColumn(
                name: "StepUpVerifiedAt",
                table: "UserSessions");

            migrationBuilder.DropColumn(
                name: "StepUpMinutes",
                table: "AdvancedSettings");

            migrationBuilder.DropColumn(
                name: "TwoFactorAdministratorGraceDays",
                table: "AdvancedSettings");

            migrationBuilder.DropColumn(
                name: "TwoFactorEveryoneGraceDays",
                table: "AdvancedSettings");

            migrationBuilder.DropColumn(
                name: "TwoFactorRequiredFor",
                table: "AdvancedSettings");
        }
    }
}
